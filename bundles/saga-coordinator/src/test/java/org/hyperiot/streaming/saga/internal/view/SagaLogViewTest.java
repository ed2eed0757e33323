package org.hyperiot.streaming.saga.internal.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaSummary;
import org.hyperiot.streaming.saga.internal.SagaTopics;
import org.hyperiot.streaming.saga.internal.machine.SagaInstance;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.hyperiot.streaming.saga.internal.wire.SagaLogCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SagaLogViewTest {

    private static final SagaDefinition ORDER = SagaDefinition.builder("order").step("reserve", "inventory", "reserve").build();
    private static final SagaDefinition REFUND = SagaDefinition.builder("refund").step("pay", "payments", "refund").build();
    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final SagaLogCodec codec = new SagaLogCodec();
    private final TopicPartition p0 = new TopicPartition(SagaTopics.LOG, 0);
    private final TopicPartition p1 = new TopicPartition(SagaTopics.LOG, 1);
    private final SagaLogView view = new SagaLogView(() -> consumer, Duration.ofMillis(200));
    private final List<Long> offsets = new ArrayList<>(List.of(0L, 0L));

    @AfterEach
    void stop() {
        view.close();
    }

    private void startView() {
        Node node = new Node(0, "localhost", 9092);
        consumer.updatePartitions(SagaTopics.LOG, List.of(new PartitionInfo(SagaTopics.LOG, 0, node, null, null),
                new PartitionInfo(SagaTopics.LOG, 1, node, null, null)));
        consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
        consumer.updateEndOffsets(Map.of(p0, 0L, p1, 0L));
        view.start();
    }

    private void write(int partition, SagaInstance saga, String startRequest) {
        long offset = offsets.get(partition);
        offsets.set(partition, offset + 1);
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(SagaTopics.LOG, partition, offset,
                saga.id(), codec.encode(new SagaLogRecord(saga, startRequest)))));
    }

    private static SagaInstance saga(String id, SagaDefinition definition, int minutesAfterT0) {
        return new SagaStateMachine(Clock.fixed(T0.plusSeconds(60L * minutesAfterT0), ZoneOffset.UTC))
                .start(id, definition, Map.of()).saga();
    }

    @Test
    void aSagaWrittenToTheLogCanBeAwaitedAndReadInFull() throws Exception {
        startView();
        SagaInstance saga = saga("s-1", ORDER, 0);
        write(0, saga, "req-1");

        assertThat(view.await("s-1", Duration.ofSeconds(10))).isTrue();
        assertThat(view.get("s-1").orElseThrow().saga()).isEqualTo(saga);
        assertThat(view.startRequestOf("s-1")).contains("req-1");
        assertThat(view.await("s-unknown", Duration.ofMillis(300))).isFalse();
    }

    @Test
    void listsAreNewestFirstFilteredAndPagedWithTokensBoundToTheirFilter() throws Exception {
        startView();
        for (int i = 0; i < 5; i++) {
            write(i % 2, saga("o-" + i, ORDER, i), "r");
        }
        write(0, saga("x-0", REFUND, 10), "r");
        assertThat(view.await("x-0", Duration.ofSeconds(10))).isTrue();
        waitFor("o-4");

        SagaFilter orders = SagaFilter.all().withDefinition("order");
        SagaPage first = view.list(orders, null, 2);
        assertThat(first.sagas()).extracting(SagaSummary::id).containsExactly("o-4", "o-3");
        SagaPage second = view.list(orders, first.nextPageToken(), 2);
        assertThat(second.sagas()).extracting(SagaSummary::id).containsExactly("o-2", "o-1");
        SagaPage last = view.list(orders, second.nextPageToken(), 2);
        assertThat(last.sagas()).extracting(SagaSummary::id).containsExactly("o-0");
        assertThat(last.hasNextPage()).isFalse();

        assertThat(view.list(SagaFilter.all(), null, 10).sagas()).extracting(SagaSummary::id).first().isEqualTo("x-0");
        assertThat(view.list(SagaFilter.all().withState(SagaState.COMPLETED), null, 10).sagas()).isEmpty();
        assertThatThrownBy(() -> view.list(SagaFilter.all(), first.nextPageToken(), 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another filter");
        assertThatThrownBy(() -> view.list(orders, "not-a-token!", 2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(view.countsByDefinition()).containsEntry("order", Map.of(SagaState.RUNNING, 5L))
                .containsEntry("refund", Map.of(SagaState.RUNNING, 1L));
    }

    @Test
    void aLaterStateOfASagaReplacesItsLineWithoutMovingIt() throws Exception {
        startView();
        SagaInstance running = saga("s-1", ORDER, 0);
        write(0, running, "r");
        write(0, saga("s-2", ORDER, 1), "r");
        SagaInstance settled = new SagaInstance(running.id(), running.definition(), SagaState.COMPLETED, running.data(),
                running.steps(), running.stage(), running.createdAt(), running.updatedAt().plusSeconds(5),
                running.deadline(), List.of(), running.history(), null, running.revision() + 1);
        write(0, settled, "r");
        readUntil("s-1 COMPLETED", () -> view.get("s-1").map(record -> record.saga().state() == SagaState.COMPLETED)
                .orElse(false));

        List<SagaSummary> all = view.list(SagaFilter.all(), null, 10).sagas();
        assertThat(all).extracting(SagaSummary::id).containsExactly("s-2", "s-1");
        assertThat(all.get(1).state()).isEqualTo(SagaState.COMPLETED);
        assertThat(view.list(SagaFilter.all().withState(SagaState.RUNNING), null, 10).sagas())
                .extracting(SagaSummary::id).containsExactly("s-2");
    }

    @Test
    void unreadableValuesAreSkippedAndTheRestIsRead() throws Exception {
        startView();
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(SagaTopics.LOG, 1, 0, "junk",
                "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        offsets.set(1, 1L);
        write(1, saga("s-1", ORDER, 0), "r");

        assertThat(view.await("s-1", Duration.ofSeconds(10))).isTrue();
        assertThat(view.get("junk")).isEmpty();
    }

    @Test
    void aTombstoneRemovesTheSagaFromListsAndReads() throws Exception {
        startView();
        write(0, saga("s-1", ORDER, 0), "r");
        write(1, saga("s-2", ORDER, 1), "r");
        waitFor("s-2");
        waitFor("s-1");
        long offset = offsets.get(0);
        offsets.set(0, offset + 1);
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(SagaTopics.LOG, 0, offset, "s-1", null)));

        readUntil("s-1 removed", () -> view.get("s-1").isEmpty());

        assertThat(view.list(SagaFilter.all(), null, 10).sagas()).extracting(SagaSummary::id).containsExactly("s-2");
        assertThat(view.countsByDefinition()).isEqualTo(Map.of("order", Map.of(SagaState.RUNNING, 1L)));
        assertThat(view.startRequestOf("s-1")).isEmpty();
    }

    /** Waits for the view's reading thread to get somewhere; fails the test after 10 s. */
    private static void readUntil(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("the view never had " + what).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private void waitFor(String sagaId) throws InterruptedException {
        assertThat(view.await(sagaId, Duration.ofSeconds(10))).isTrue();
    }
}
