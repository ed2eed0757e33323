package org.hyperiot.streaming.engine.repartition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hyperiot.streaming.engine.Json.object;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.repartition.SimulatedRuntime.Published;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.jupiter.api.Test;

/**
 * Issue 17's cases across source partitions, run as the Kafka runtime runs a stream that repartitions
 * at {@code keyBy}: routing tasks per source partition, windowing tasks per repartition partition.
 * Their single-partition counterparts are in {@code SessionsAndLatenessTest}.
 */
class KeyedWindowsAcrossPartitionsTest {

    private static StreamDefinition.Builder byRegion(Duration maxOutOfOrderness, Duration idleTimeout) {
        return StreamDefinition.builder("regions")
                .source(SourceSpec.of("telemetry").withEventTime(EventTime.field("ts")))
                .watermark(maxOutOfOrderness, idleTimeout)
                .keyBy("region")
                .sink("out");
    }

    private static Map<String, Object> reading(String region, long ts, long v) {
        return object("region", region, "ts", ts, "v", v);
    }

    private static SimulatedRuntime twoPartitions(StreamDefinition definition) {
        return new SimulatedRuntime(definition, 2, SimulatedRuntime.HASH);
    }

    private static void readAndCommit(SimulatedRuntime runtime, int partition) {
        runtime.readAll(partition);
        runtime.commit(partition);
    }

    private static List<Object> values(List<StreamRecord> records) {
        return records.stream().map(StreamRecord::value).toList();
    }

    @Test
    void theSameKeyInTwoSourcePartitionsGivesOneResultPerWindow() {
        StreamDefinition definition = byRegion(Duration.ZERO, null)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n").sum("v", "s")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("c", 4_000, 10), 0);
        runtime.append(1, "d2", reading("c", 6_000, 20), 0);
        // Both partitions move past the window, so the watermark closes it without the end of input.
        runtime.append(0, "d1", reading("z", 12_000, 0), 0);
        runtime.append(1, "d2", reading("z", 12_000, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();

        assertThat(values(runtime.results())).containsExactly(
                object("key", "c", "windowStart", 0L, "windowEnd", 10_000L, "n", 2L, "s", 30L));
        assertThat(runtime.results()).extracting(StreamRecord::key).containsExactly("c");
    }

    @Test
    void declaringTheSourcePartitionedByTheKeySkipsTheRepartitionAndGroupsPerPartition() {
        StreamDefinition definition = StreamDefinition.builder("regions")
                .source(SourceSpec.of("telemetry").withEventTime(EventTime.field("ts")))
                .operator(new KeyByOperator("region", true, null))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n").sum("v", "s"))
                .sink("out").build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("c", 4_000, 10), 0);
        runtime.append(1, "d2", reading("c", 6_000, 20), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.endOfInput();

        // The definition's promise is false here, and the opt-out takes it at its word: no hop, two groups.
        assertThat(runtime.windowingTasks()).isEmpty();
        assertThat(values(runtime.results())).containsExactlyInAnyOrder(
                object("key", "c", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L, "s", 10L),
                object("key", "c", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L, "s", 20L));
    }

    @Test
    void theWatermarkIsTheMinimumOverSourcePartitionsSoARecordBehindOnePartitionIsOnTime() {
        StreamDefinition definition = byRegion(Duration.ofSeconds(2), null)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("x", 50_000, 0), 0);
        runtime.append(1, "d2", reading("y", 5_000, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();
        runtime.append(0, "d1", reading("a", 9_000, 0), 0);
        readAndCommit(runtime, 0);
        runtime.deliverAll();

        // min(50000 - 2000, 5000 - 2000), in every windowing task, whichever keys it holds.
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(3_000L);
        assertThat(runtime.lateCount()).isZero();
        assertThat(runtime.results()).isEmpty();

        // p1 reaching 12000 moves the watermark to 10000, the end of a's window.
        runtime.append(1, "d2", reading("y", 12_000, 0), 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();

        assertThat(values(runtime.results())).containsExactlyInAnyOrder(
                object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L),
                object("key", "y", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L));
        assertThat(runtime.published()).extracting(Published::watermark).containsOnly(10_000L);
        assertThat(runtime.lateCount()).isZero();
    }

    @Test
    void aTaskOwningBothPartitionsTakesTheMinimumToo() {
        StreamDefinition definition = byRegion(Duration.ofSeconds(2), null)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            // As the runtime does on assignment, before the first record: a partition known but silent holds back.
            driver.task().assign(List.of(new SourcePartition("telemetry", 0), new SourcePartition("telemetry", 1)));
            driver.pipeInput("telemetry", 0, "d1", reading("x", 50_000, 0), 0);
            driver.pipeInput("telemetry", 1, "d2", reading("y", 5_000, 0), 0);
            driver.pipeInput("telemetry", 0, "d1", reading("a", 9_000, 0), 0);

            assertThat(driver.metrics().watermark()).isEqualTo(3_000);
            assertThat(driver.metrics().late()).isZero();
            driver.endOfInput();
            assertThat(driver.readOutputValues()).contains(
                    object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L));
        }
    }

    @Test
    void noResultIsPublishedBeforeTheReportedWatermarkPassesItsEnd() {
        StreamDefinition definition = byRegion(Duration.ZERO, null)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("a", 1_000, 0), 0);
        runtime.append(0, "d1", reading("a", 25_000, 0), 0);
        runtime.append(1, "d2", reading("b", 9_999, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();
        // p1 at 9999 holds every windowing task below the end of [0, 10000).
        assertThat(runtime.results()).isEmpty();
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(9_999L);

        runtime.append(1, "d2", reading("b", 10_000, 0), 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();

        assertThat(runtime.published()).extracting(p -> p.record().value(), Published::watermark)
                .containsExactlyInAnyOrder(
                        tuple(object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L), 10_000L),
                        tuple(object("key", "b", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L), 10_000L));
    }

    @Test
    void aPartitionThatNeverDeliversStopsHoldingTheWatermarkBackAfterTheIdleTimeout() {
        StreamDefinition definition = byRegion(Duration.ZERO, Duration.ofSeconds(30))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.advanceProcessingTime(29_999);
        runtime.append(0, "d1", reading("a", 1_000, 0), 0);
        runtime.append(0, "d1", reading("a", 25_000, 0), 0);
        readAndCommit(runtime, 0);
        runtime.deliverAll();
        assertThat(runtime.results()).isEmpty();

        // p1, silent since the tasks started, is now idle; p0 delivered a moment ago and still counts.
        runtime.advanceProcessingTime(30_000);
        runtime.settle();

        assertThat(values(runtime.results())).containsExactly(
                object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L));
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(25_000L);
    }

    /**
     * RepartitionIT's kill: the routing task of p1 died with records of p1 still unread, and nothing came
     * from p1 for longer than the idle timeout while p0 went on. p1 is not idle (its records are only
     * delayed): the windows it feeds wait for it, and its backlog counts once it is read again.
     */
    @Test
    void aPartitionWhoseRoutingTaskIsAwayHoldsTheWindowsBackInsteadOfGoingIdle() {
        StreamDefinition definition = byRegion(Duration.ofSeconds(1), Duration.ofSeconds(3))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("a", 1_000, 0), 0);
        runtime.append(1, "d2", reading("a", 2_000, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();

        // p1's routing task is gone (no read, no commit) for 20 s while p0 moves far ahead.
        runtime.append(1, "d2", reading("a", 3_000, 0), 0);
        for (long second = 1; second <= 20; second++) {
            runtime.advanceProcessingTime(second * 1_000);
            runtime.append(0, "d1", reading("a", 1_000 + second * 1_000, 0), 0);
            readAndCommit(runtime, 0);
            runtime.deliverAll();
        }
        assertThat(runtime.results()).isEmpty();
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(1_000L);

        // p1 is read again, by a new routing task as far as the windows can tell; then both fall quiet.
        readAndCommit(runtime, 1);
        runtime.deliverAll();
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(2_000L);
        runtime.advanceProcessingTime(24_000);
        runtime.settle();

        assertThat(runtime.lateCount()).isZero();
        assertThat(values(runtime.results())).containsExactly(
                object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 11L),
                object("key", "a", "windowStart", 10_000L, "windowEnd", 20_000L, "n", 10L));
    }

    @Test
    void aPartitionStillDeliveringRecordsBehindItsNewestIsNotIdleForWindowingTasksThatGetNoneOfThem() {
        StreamDefinition definition = byRegion(Duration.ofSeconds(10), Duration.ofSeconds(30))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        // Region x to repartition partition 0, every other region to 1.
        SimulatedRuntime runtime = new SimulatedRuntime(definition, 2, (key, partitions) -> "x".equals(key) ? 0 : 1);
        StreamTestDriver complete = StreamTestDriver.builder(definition).build();
        complete.task().assign(List.of(new SourcePartition("telemetry", 0), new SourcePartition("telemetry", 1)));
        BiConsumer<Integer, Map<String, Object>> both = (partition, value) -> {
            runtime.append(partition, "d" + partition, value, 0);
            complete.pipeInput("telemetry", partition, "d" + partition, value, 0);
        };
        both.accept(0, reading("y", 20_000, 0));
        both.accept(1, reading("y", 40_000, 0));
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();
        // For 31 s p0 delivers only records of y behind its newest; p1 moves on. Both commit every second.
        for (long second = 1; second <= 31; second++) {
            runtime.advanceProcessingTime(second * 1_000);
            complete.advanceProcessingTime(Duration.ofSeconds(1));
            both.accept(0, reading("y", 15_000, 0));
            both.accept(1, reading("y", 40_000 + second * 1_000, 0));
            readAndCommit(runtime, 0);
            readAndCommit(runtime, 1);
            runtime.deliverAll();
        }
        // Within p0's own disorder (20000 - 10000 = 10000 < 12000): on time for the task owning both.
        both.accept(0, reading("x", 12_000, 0));
        readAndCommit(runtime, 0);
        runtime.deliverAll();

        assertThat(complete.metrics().late()).isZero();
        assertThat(complete.metrics().watermark()).isEqualTo(10_000);
        assertThat(runtime.lateCount()).isZero();
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(10_000L);
        complete.close();
    }

    @Test
    void aPartitionThatStopsDeliveringGoesIdleThoughItsTaskCommitsOn() {
        StreamDefinition definition = byRegion(Duration.ZERO, Duration.ofSeconds(30))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        for (long second = 0; second <= 45; second++) {
            runtime.advanceProcessingTime(second * 1_000);
            if (second <= 10) {
                runtime.append(0, "d1", reading("a", 5_000, 0), 0);
            }
            runtime.append(1, "d2", reading("b", 100_000 + second, 0), 0);
            readAndCommit(runtime, 0);
            readAndCommit(runtime, 1);
            runtime.deliverAll();
            if (second == 39) {
                // p0's last record was read at 10 s: not idle yet.
                assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark())
                        .containsOnly(5_000L);
            }
        }

        // Its task reports an unchanged progress at most every half idle timeout, and only while it reads.
        assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark()).containsOnly(100_045L);
        assertThat(values(runtime.results())).contains(
                object("key", "a", "windowStart", 0L, "windowEnd", 10_000L, "n", 11L));
    }

    @Test
    void lateRoutedRecordsAreCountedByTheWindowingTaskWithoutALateTopic() {
        StreamDefinition definition = byRegion(Duration.ZERO, null)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("a", 15_000, 0), 0);
        runtime.append(1, "d2", reading("b", 15_000, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();
        runtime.append(0, "d1", reading("a", 1_000, 0), 0);
        runtime.append(1, "d2", reading("c", 2_000, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();

        assertThat(runtime.late()).isEmpty();
        assertThat(runtime.lateCount()).isEqualTo(2);
        assertThat(runtime.windowingTasks().stream().mapToLong(t -> t.metrics().lateDropped()).sum()).isEqualTo(2);
        assertThat(runtime.sourceTasks()).extracting(t -> t.metrics().late()).containsOnly(0L);
    }

    @Test
    void recordsOneGapApartShareASessionWhicheverPartitionsTheyComeFrom() {
        StreamDefinition definition = byRegion(Duration.ZERO, null)
                .window(WindowOperator.session(Duration.ofSeconds(5)).count("n")).build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("a", 46_000, 0), 0);
        runtime.append(1, "d2", reading("a", 50_000, 0), 0);
        runtime.append(0, "d1", reading("a", 55_000, 0), 0);
        runtime.read(0, 1);
        runtime.read(1, 1);
        runtime.commit(0);
        runtime.commit(1);
        runtime.read(0, 1);
        runtime.commit(0);
        runtime.deliverAll();
        runtime.endOfInput();

        assertThat(values(runtime.results())).containsExactly(
                object("key", "a", "windowStart", 46_000L, "windowEnd", 60_000L, "n", 3L));
    }

    @Test
    void aLateRecordFromAnotherPartitionMergingPublishedSessionsRetractsThem() {
        StreamDefinition definition = byRegion(Duration.ZERO, null)
                .window(WindowOperator.session(Duration.ofSeconds(5)).allowedLateness(Duration.ofMinutes(1))
                        .count("n"))
                .build();
        SimulatedRuntime runtime = twoPartitions(definition);
        runtime.append(0, "d1", reading("a", 1_000, 0), 0);
        runtime.append(0, "d1", reading("a", 4_000, 0), 0);
        runtime.append(0, "d1", reading("b", 30_000, 0), 0);
        runtime.append(1, "d2", reading("a", 12_000, 0), 0);
        runtime.append(1, "d2", reading("b", 30_000, 0), 0);
        readAndCommit(runtime, 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();
        assertThat(values(runtime.results())).containsExactly(
                object("key", "a", "windowStart", 1_000L, "windowEnd", 9_000L, "n", 2L),
                object("key", "a", "windowStart", 12_000L, "windowEnd", 17_000L, "n", 1L));

        // Within a gap of both published sessions, from the partition that did not send the first.
        runtime.append(1, "d2", reading("a", 8_000, 0), 0);
        readAndCommit(runtime, 1);
        runtime.deliverAll();

        List<StreamRecord> results = runtime.results();
        assertThat(values(results.subList(2, results.size()))).containsExactly(
                object("key", "a", "windowStart", 1_000L, "windowEnd", 9_000L, "retracted", true),
                object("key", "a", "windowStart", 12_000L, "windowEnd", 17_000L, "retracted", true),
                object("key", "a", "windowStart", 1_000L, "windowEnd", 17_000L, "n", 4L));
        assertThat(runtime.published()).extracting(Published::task).containsOnly(
                SimulatedRuntime.HASH.partition("a", runtime.repartitionPartitions()));
        assertThat(runtime.windowingTasks()).extracting(StreamTask::watermark).containsOnly(30_000L);
    }
}
