package org.hyperiot.streaming.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.engine.Json.object;

import java.time.Duration;
import java.util.List;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.IncompatibleStateException;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.jupiter.api.Test;

class TaskStateTest {

    private static StreamDefinition definition(WindowOperator.Builder window) {
        return StreamDefinition.builder("state")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("ts")))
                .watermark(Duration.ofSeconds(1), null)
                .window(window.allowedLateness(Duration.ofSeconds(5)))
                .sink("out").build();
    }

    private static final StreamDefinition TUMBLING =
            definition(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n").first("v", "first"));

    @Test
    void aRestoredTaskContinuesWhereTheSnapshotWasTaken() {
        TaskSnapshot snapshot;
        try (StreamTestDriver before = StreamTestDriver.builder(TUMBLING).build()) {
            before.pipeInput("a", object("ts", 1_000L, "v", "x"), 0);
            before.pipeInput("a", object("ts", 12_000L, "v", "y"), 0);
            assertThat(before.readOutput()).hasSize(1);
            snapshot = before.snapshot();
            assertThat(before.changelog()).extracting(StateChange::store).contains("windows", "task");
        }
        try (StreamTestDriver after = StreamTestDriver.builder(TUMBLING).restoreFrom(snapshot).build()) {
            assertThat(after.watermark()).isEqualTo(11_000);
            // Still within allowed lateness of [0, 10s): an update, not a second final result.
            after.pipeInput("a", object("ts", 2_000L, "v", "z"), 0);
            assertThat(after.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 2L, "first", "x"));
            after.endOfInput();
            assertThat(after.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 10_000L, "windowEnd", 20_000L, "n", 1L, "first", "y"));
        }
    }

    @Test
    void snapshotsSurviveTheirBinaryForm() {
        try (StreamTestDriver driver = StreamTestDriver.builder(TUMBLING).build()) {
            driver.pipeInput("a", object("ts", 1_000L, "v", List.of(1L, object("n", null))), 0);
            driver.pipeInput(null, object("ts", 3_000L, "v", "é"), 0);
            TaskSnapshot snapshot = driver.snapshot();
            assertThat(TaskSnapshot.fromBytes(snapshot.toBytes())).isEqualTo(snapshot);
            assertThat(snapshot.stores().get("windows")).containsOnlyKeys("0:10000:=a", "0:10000:~");
        }
    }

    @Test
    void stateOfAnotherWindowShapeIsRefused() {
        TaskSnapshot snapshot;
        try (StreamTestDriver before = StreamTestDriver.builder(TUMBLING).build()) {
            before.pipeInput("a", object("ts", 1_000L, "v", "x"), 0);
            snapshot = before.snapshot();
        }
        StreamDefinition other = definition(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n"));
        assertThatThrownBy(() -> StreamTestDriver.builder(other).restoreFrom(snapshot).build())
                .isInstanceOf(IncompatibleStateException.class).hasMessageContaining("tumbling(10000)");

        StreamDefinition renamed = definition(WindowOperator.tumbling(Duration.ofSeconds(10)).count("count")
                .first("v", "firstValue"));
        try (StreamTestDriver after = StreamTestDriver.builder(renamed).restoreFrom(snapshot).build()) {
            after.endOfInput();
            assertThat(after.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "count", 1L, "firstValue", "x"));
        }
    }

    @Test
    void theStoreReportsEveryChangeAndReplaysThem() {
        List<StateChange> changes = new java.util.ArrayList<>();
        ChangelogStateStore<String, byte[]> store = new ChangelogStateStore<>("s", new StateKeyCodec<>() {
            @Override
            public String encode(String key) {
                return key;
            }

            @Override
            public String decode(String text) {
                return text;
            }
        }, new StateCodec<>() {
            @Override
            public byte[] encode(byte[] value) {
                return value;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }
        });
        store.setChangeListener(changes::add);
        store.put("a", new byte[] {1});
        store.put("b", new byte[] {2});
        store.delete("a");
        store.delete("never");

        assertThat(changes).containsExactly(new StateChange("s", "a", new byte[] {1}),
                new StateChange("s", "b", new byte[] {2}), new StateChange("s", "a", null));

        ChangelogStateStore<String, byte[]> replayed = new ChangelogStateStore<>("s", k(), v());
        changes.forEach(replayed::apply);
        assertThat(new TaskSnapshot(java.util.Map.of("s", replayed.snapshot())))
                .isEqualTo(new TaskSnapshot(java.util.Map.of("s", store.snapshot())));
    }

    private static StateKeyCodec<String> k() {
        return new StateKeyCodec<>() {
            @Override
            public String encode(String key) {
                return key;
            }

            @Override
            public String decode(String text) {
                return text;
            }
        };
    }

    private static StateCodec<byte[]> v() {
        return new StateCodec<>() {
            @Override
            public byte[] encode(byte[] value) {
                return value;
            }

            @Override
            public byte[] decode(byte[] bytes) {
                return bytes;
            }
        };
    }
}
