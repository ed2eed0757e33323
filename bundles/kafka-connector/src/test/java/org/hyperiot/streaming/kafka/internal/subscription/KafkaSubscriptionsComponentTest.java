package org.hyperiot.streaming.kafka.internal.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.kafka.internal.subscription.Conditions.await;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;
import org.hyperiot.streaming.api.kafka.KafkaSubscriptions.PartitionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaSubscriptionsComponentTest {

    private static final TopicPartition P0 = new TopicPartition("readings", 0);
    private static final TopicPartition P1 = new TopicPartition("readings", 1);

    private final PollingMockConsumer consumer = new PollingMockConsumer();
    private final ConnectorStub connector = new ConnectorStub(consumer);
    private final KafkaSubscriptionsComponent subscriptions = new KafkaSubscriptionsComponent(connector, connector);
    private final RecordingSubscriber subscriber = new RecordingSubscriber();
    private final PartitionEvents events = new PartitionEvents();

    @AfterEach
    void stop() {
        subscriptions.deactivate();
    }

    @Test
    void theConsumerCommitsOnlyExplicitlyInTheCallersGroup() throws Exception {
        subscriptions.subscribe("group-a", List.of("readings"), Map.of("enable.auto.commit", true,
                "auto.offset.reset", "earliest"), null).subscribe(subscriber);
        subscriber.subscription();

        await("the consumer is created", () -> !connector.consumerConfigs.isEmpty());
        assertThat(connector.consumerConfigs.get(0))
                .containsEntry("group.id", "group-a")
                .containsEntry("enable.auto.commit", false)
                .containsEntry("auto.offset.reset", "earliest");
        await("the consumer subscribes", () -> consumer.subscription().equals(Set.of("readings")));
    }

    @Test
    void recordsAreDeliveredOnlyAsFarAsTheSubscriberAskedAndPartitionsPauseMeanwhile() throws Exception {
        consumer.assignWithRecords(5, P0);
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);

        subscriber.subscription().request(2);
        assertThat(subscriber.next().record().offset()).isZero();
        assertThat(subscriber.next().record().offset()).isEqualTo(1);
        await("the partition is paused while demand is zero", () -> consumer.paused().contains(P0));
        assertThat(subscriber.received.poll(300, TimeUnit.MILLISECONDS)).isNull();

        subscriber.subscription().request(10);
        assertThat(offsets(3)).containsExactly(2L, 3L, 4L);
        await("the partition is resumed once there is demand again", () -> consumer.paused().isEmpty());
    }

    @Test
    void onlyTheContiguousAcknowledgedPrefixIsCommitted() throws Exception {
        consumer.assignWithRecords(10, P0);
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(Long.MAX_VALUE);
        List<AcknowledgeableRecord<byte[], byte[]>> records = records(10);

        for (int index : new int[] {5, 1, 4, 0, 2}) {
            records.get(index).acknowledge();
        }
        await("offset 3 is committed", () -> consumer.committedOffset(P0) == 3);

        records.get(3).acknowledge();
        await("offset 6 is committed", () -> consumer.committedOffset(P0) == 6);
    }

    @Test
    void acknowledgementsFromOtherThreadsAreCommittedByTheConsumerThread() throws Exception {
        consumer.assignWithRecords(50, P0);
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(Long.MAX_VALUE);
        List<AcknowledgeableRecord<byte[], byte[]>> records = records(50);

        List<Thread> threads = new ArrayList<>();
        for (int start = 0; start < 5; start++) {
            int first = start;
            threads.add(new Thread(() -> {
                for (int i = 49 - first; i >= 0; i -= 5) {
                    records.get(i).acknowledge();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        await("every record is committed", () -> consumer.committedOffset(P0) == 50);
    }

    @Test
    void cancelCommitsWhatWasAcknowledgedClosesTheConsumerAndSignalsNothing() throws Exception {
        consumer.assignWithRecords(6, P0);
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(6);
        List<AcknowledgeableRecord<byte[], byte[]>> records = records(6);
        records.get(0).acknowledge();
        records.get(1).acknowledge();
        records.get(3).acknowledge();

        subscriber.subscription().cancel();

        await("the consumer is closed", consumer::closed);
        await("the subscription is gone", () -> subscriptions.liveSubscriptions() == 0);
        assertThat(consumer.committedOffset(P0)).isEqualTo(2);
        assertThat(subscriber.error).isNotDone();
        assertThat(subscriber.completed).isFalse();
    }

    @Test
    void revocationCommitsTheRevokedPartitionsAndTellsTheListener() throws Exception {
        consumer.assignWithRecords(3, P0, P1);
        subscriptions.subscribe("g", Pattern.compile("read.*"), Map.of(), events).subscribe(subscriber);
        subscriber.subscription().request(Long.MAX_VALUE);
        List<AcknowledgeableRecord<byte[], byte[]>> records = records(6);
        await("both partitions are reported assigned", () -> events.assigned.size() == 1);
        assertThat(events.assigned.get(0)).containsExactlyInAnyOrder(P0, P1);

        List<AcknowledgeableRecord<byte[], byte[]>> earlyP0 = new ArrayList<>();
        AcknowledgeableRecord<byte[], byte[]> lateP0 = null;
        for (AcknowledgeableRecord<byte[], byte[]> record : records) {
            if (record.record().partition() == 0 && record.record().offset() < 2) {
                earlyP0.add(record);
            } else if (record.record().partition() == 0) {
                lateP0 = record;
            }
        }
        // Acknowledged inside poll, right before the rebalance: only the revocation can commit them.
        consumer.schedulePollTask(() -> {
            earlyP0.forEach(AcknowledgeableRecord::acknowledge);
            consumer.rebalance(List.of(P1));
        });

        await("P0 is reported revoked", () -> events.revoked.size() == 1);
        assertThat(events.revoked.get(0)).containsExactly(P0);
        assertThat(consumer.committedOffset(P0)).isEqualTo(2);

        lateP0.acknowledge();
        records.stream().filter(r -> r.record().partition() == 1).forEach(AcknowledgeableRecord::acknowledge);
        await("P1 is committed", () -> consumer.committedOffset(P1) == 3);
        assertThat(consumer.committedOffset(P0)).as("acknowledged after revocation").isEqualTo(2);
    }

    @Test
    void directlyAssignedPartitionsAreReadAndCommitted() throws Exception {
        consumer.updateBeginningOffsets(Map.of(P1, 0L));
        subscriptions.assign("g", List.of(P1), Map.of()).subscribe(subscriber);
        subscriber.subscription().request(1);
        await("P1 is assigned", () -> consumer.assignment().contains(P1));
        consumer.addRecord(new ConsumerRecord<>("readings", 1, 0L, new byte[0], new byte[0]));

        AcknowledgeableRecord<byte[], byte[]> record = subscriber.next();
        assertThat(record.record().partition()).isEqualTo(1);
        record.acknowledge();
        await("offset 1 is committed", () -> consumer.committedOffset(P1) == 1);
    }

    @Test
    void aSecondSubscriberIsRejectedWithoutDisturbingTheFirst() throws Exception {
        consumer.assignWithRecords(1, P0);
        var publisher = subscriptions.subscribe("g", List.of("readings"), Map.of(), null);
        publisher.subscribe(subscriber);
        RecordingSubscriber second = new RecordingSubscriber();
        publisher.subscribe(second);

        assertThat(second.subscription()).isNotNull();
        assertThat(second.awaitError()).isInstanceOf(IllegalStateException.class);
        subscriber.subscription().request(1);
        assertThat(subscriber.next().record().offset()).isZero();
    }

    @Test
    void aFatalConsumerErrorReachesTheSubscriberAndClosesTheConsumer() throws Exception {
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(1);
        consumer.setPollException(new KafkaException("broker says no"));

        assertThat(subscriber.awaitError()).hasMessage("broker says no");
        await("the consumer is closed", consumer::closed);
    }

    @Test
    void aNonPositiveRequestEndsTheSubscriptionWithAnError() throws Exception {
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(1);
        await("the consumer subscribes", () -> !consumer.subscription().isEmpty());
        subscriber.subscription().request(0);

        assertThat(subscriber.awaitError()).isInstanceOf(IllegalArgumentException.class);
        await("the consumer is closed", consumer::closed);
    }

    @Test
    void aReconfiguredConnectorEndsSubscriptionsAfterCommittingAndAcceptsNewOnes() throws Exception {
        consumer.assignWithRecords(3, P0);
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(3);
        List<AcknowledgeableRecord<byte[], byte[]>> records = records(3);
        records.get(0).acknowledge();
        records.get(1).acknowledge();

        connector.reconfigured();

        assertThat(subscriber.awaitError()).hasMessageContaining("subscribe again");
        assertThat(consumer.closed()).isTrue();
        assertThat(consumer.committedOffset(P0)).isEqualTo(2);
        assertThat(subscriptions.liveSubscriptions()).isZero();
        int consumersBefore = connector.consumerConfigs.size();
        RecordingSubscriber again = new RecordingSubscriber();
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(again);
        again.subscription();
        await("a new consumer is created", () -> connector.consumerConfigs.size() > consumersBefore);
    }

    @Test
    void deactivationEndsLiveSubscriptionsAndRejectsNewOnes() throws Exception {
        consumer.assignWithRecords(2, P0);
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(subscriber);
        subscriber.subscription().request(2);
        records(2).get(0).acknowledge();

        subscriptions.deactivate();

        assertThat(consumer.closed()).isTrue();
        assertThat(consumer.committedOffset(P0)).isEqualTo(1);
        assertThat(subscriber.awaitError()).isInstanceOf(IllegalStateException.class);
        RecordingSubscriber late = new RecordingSubscriber();
        subscriptions.subscribe("g", List.of("readings"), Map.of(), null).subscribe(late);
        assertThat(late.awaitError()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidArgumentsAreRejectedBeforeAnythingStarts() {
        assertThatThrownBy(() -> subscriptions.subscribe(" ", List.of("readings"), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscriptions.subscribe("g", List.<String>of(), Map.of(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> subscriptions.assign("g", List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(connector.consumerConfigs).isEmpty();
    }

    private List<AcknowledgeableRecord<byte[], byte[]>> records(int count) throws InterruptedException {
        List<AcknowledgeableRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(subscriber.next());
        }
        return records;
    }

    private List<Long> offsets(int count) throws InterruptedException {
        List<Long> offsets = new ArrayList<>();
        for (AcknowledgeableRecord<byte[], byte[]> record : records(count)) {
            offsets.add(record.record().offset());
        }
        return offsets;
    }

    private static final class PartitionEvents implements PartitionListener {
        final List<Collection<TopicPartition>> assigned = new CopyOnWriteArrayList<>();
        final List<Collection<TopicPartition>> revoked = new CopyOnWriteArrayList<>();

        @Override
        public void assigned(Collection<TopicPartition> partitions) {
            assigned.add(List.copyOf(partitions));
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
            revoked.add(List.copyOf(partitions));
        }
    }
}
