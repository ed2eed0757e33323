package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;
import org.hyperiot.streaming.api.kafka.KafkaSubscriptions;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;

/**
 * {@link KafkaSubscriptions} inside Karaf against a real broker: offsets move only with
 * acknowledgements, so a subscription that acknowledged part of what it received resumes, after a
 * restart, at the first unacknowledged record.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SubscriptionsIT extends StreamingKarafTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, Object> FROM_THE_START = Map.of("auto.offset.reset", "earliest");

    @Inject
    @Filter(timeout = 120_000)
    private KafkaSubscriptions subscriptions;

    @Test
    public void aSubscriptionResumesAtTheFirstUnacknowledgedRecordOfItsPartition() throws Exception {
        String topic = "itest-subscription-" + UUID.randomUUID();
        String group = "itest-group-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 1, (short) 1, Map.of());
        produce(topic, 1, 20);

        Collector first = new Collector();
        subscriptions.subscribe(group, List.of(topic), FROM_THE_START, first).subscribe(first);
        first.requestAll();
        List<AcknowledgeableRecord<byte[], byte[]>> received = first.take(20);
        for (int i = 0; i < 20; i++) {
            assertEquals(i, received.get(i).record().offset());
        }
        // Out of order, from another thread than the consumer's; 10 stays unacknowledged.
        for (int offset : new int[] {15, 12, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0}) {
            received.get(offset).acknowledge();
        }
        first.cancel();
        TopicPartition partition = new TopicPartition(topic, 0);
        Eventually.within(WAIT, () -> assertEquals(Long.valueOf(10), committedOffsets(group).get(partition)));

        Collector second = new Collector();
        subscriptions.subscribe(group, List.of(topic), FROM_THE_START, second).subscribe(second);
        second.requestAll();
        List<AcknowledgeableRecord<byte[], byte[]>> resumed = second.take(10);
        for (int i = 0; i < 10; i++) {
            assertEquals(10 + i, resumed.get(i).record().offset());
            assertEquals("record-" + (10 + i), new String(resumed.get(i).record().value(), StandardCharsets.UTF_8));
        }
        assertNull("nothing beyond the topic's 20 records", second.poll(Duration.ofSeconds(1)));
        second.cancel();
    }

    @Test
    public void everyPartitionResumesAtItsOwnFirstUnacknowledgedRecord() throws Exception {
        String topic = "itest-subscription-" + UUID.randomUUID();
        String group = "itest-group-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 3, (short) 1, Map.of());
        produce(topic, 3, 20);

        Collector first = new Collector();
        subscriptions.subscribe(group, List.of(topic), FROM_THE_START, first).subscribe(first);
        first.requestAll();
        Map<Integer, List<AcknowledgeableRecord<byte[], byte[]>>> byPartition = byPartition(first.take(20));
        assertEquals(Set.of(0, 1, 2), byPartition.keySet());
        for (List<AcknowledgeableRecord<byte[], byte[]>> records : byPartition.values()) {
            // Offsets 0, 1, 2 and 5 of each partition; 3 stays unacknowledged.
            for (int offset : new int[] {5, 2, 0, 1}) {
                assertEquals(offset, records.get(offset).record().offset());
                records.get(offset).acknowledge();
            }
        }
        first.cancel();
        Eventually.within(WAIT, () -> {
            Map<TopicPartition, Long> committed = committedOffsets(group);
            for (int p = 0; p < 3; p++) {
                assertEquals("partition " + p, Long.valueOf(3), committed.get(new TopicPartition(topic, p)));
            }
        });

        Collector second = new Collector();
        subscriptions.subscribe(group, List.of(topic), FROM_THE_START, second).subscribe(second);
        second.requestAll();
        Map<Integer, List<AcknowledgeableRecord<byte[], byte[]>>> resumed = byPartition(second.take(20 - 3 * 3));
        for (int p = 0; p < 3; p++) {
            List<AcknowledgeableRecord<byte[], byte[]>> records = resumed.get(p);
            assertNotNull("partition " + p + " delivered nothing", records);
            for (int i = 0; i < records.size(); i++) {
                assertEquals("partition " + p, 3 + i, records.get(i).record().offset());
            }
            assertEquals(byPartition.get(p).size() - 3, records.size());
        }
        second.cancel();
    }

    @Test
    public void aPatternSubscriptionReadsEveryMatchingTopicAndReportsItsPartitions() throws Exception {
        String prefix = "itest-pattern-" + UUID.randomUUID();
        String group = "itest-group-" + UUID.randomUUID();
        topicAdmin.createTopic(prefix + "-a", 2, (short) 1, Map.of());
        topicAdmin.createTopic(prefix + "-b", 1, (short) 1, Map.of());
        produce(prefix + "-a", 2, 4);
        produce(prefix + "-b", 1, 3);

        Collector collector = new Collector();
        subscriptions.subscribe(group, Pattern.compile(Pattern.quote(prefix) + "-.*"), FROM_THE_START, collector)
                .subscribe(collector);
        collector.requestAll();
        List<AcknowledgeableRecord<byte[], byte[]>> received = collector.take(7);
        received.forEach(AcknowledgeableRecord::acknowledge);

        Set<TopicPartition> expected = Set.of(new TopicPartition(prefix + "-a", 0), new TopicPartition(prefix + "-a", 1),
                new TopicPartition(prefix + "-b", 0));
        Eventually.within(WAIT, () -> assertEquals(expected, collector.assignedPartitions()));
        Eventually.within(WAIT, () -> {
            Map<TopicPartition, Long> committed = committedOffsets(group);
            assertEquals(Long.valueOf(2), committed.get(new TopicPartition(prefix + "-a", 0)));
            assertEquals(Long.valueOf(2), committed.get(new TopicPartition(prefix + "-a", 1)));
            assertEquals(Long.valueOf(3), committed.get(new TopicPartition(prefix + "-b", 0)));
        });
        collector.cancel();
    }

    @Test
    public void aPublisherAcceptsOnlyOneSubscriber() throws Exception {
        String topic = "itest-subscription-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 1, (short) 1, Map.of());
        Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> publisher =
                subscriptions.subscribe("itest-group-" + UUID.randomUUID(), List.of(topic), FROM_THE_START, null);
        Collector first = new Collector();
        Collector second = new Collector();
        publisher.subscribe(first);
        publisher.subscribe(second);

        assertTrue(second.error.get(30, TimeUnit.SECONDS) instanceof IllegalStateException);
        produce(topic, 1, 1);
        first.requestAll();
        assertEquals(0, first.take(1).get(0).record().offset());
        first.cancel();
    }

    /** Sends {@code count} records round-robin over {@code partitions}, each value naming its index. */
    private void produce(String topic, int partitions, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            connector.send(new ProducerRecord<>(topic, i % partitions, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("record-" + i).getBytes(StandardCharsets.UTF_8))).toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    private Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
        Admin admin = connector.newAdmin(Map.of());
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
            return committed;
        } finally {
            // kafka-clients must be closed with its own loader as context class loader (see PLATFORM-NOTES).
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(Admin.class.getClassLoader());
            try {
                admin.close(Duration.ofSeconds(5));
            } finally {
                thread.setContextClassLoader(previous);
            }
        }
    }

    private static Map<Integer, List<AcknowledgeableRecord<byte[], byte[]>>> byPartition(
            List<AcknowledgeableRecord<byte[], byte[]>> records) {
        Map<Integer, List<AcknowledgeableRecord<byte[], byte[]>>> byPartition = new TreeMap<>();
        for (AcknowledgeableRecord<byte[], byte[]> record : records) {
            byPartition.computeIfAbsent(record.record().partition(), p -> new ArrayList<>()).add(record);
        }
        return byPartition;
    }

    /** A subscriber and partition listener that keeps what it receives for the test thread. */
    private static final class Collector
            implements Flow.Subscriber<AcknowledgeableRecord<byte[], byte[]>>, KafkaSubscriptions.PartitionListener {

        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        final BlockingQueue<AcknowledgeableRecord<byte[], byte[]>> received = new LinkedBlockingQueue<>();
        final List<TopicPartition> assigned = new CopyOnWriteArrayList<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(AcknowledgeableRecord<byte[], byte[]> item) {
            received.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            error.complete(throwable);
        }

        @Override
        public void onComplete() {
            error.complete(new AssertionError("a Kafka subscription never completes"));
        }

        @Override
        public void assigned(Collection<TopicPartition> partitions) {
            assigned.addAll(partitions);
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
            assigned.removeAll(partitions);
        }

        Set<TopicPartition> assignedPartitions() {
            return Set.copyOf(assigned);
        }

        void requestAll() throws Exception {
            subscription.get(30, TimeUnit.SECONDS).request(Long.MAX_VALUE);
        }

        void cancel() throws Exception {
            subscription.get(30, TimeUnit.SECONDS).cancel();
        }

        AcknowledgeableRecord<byte[], byte[]> poll(Duration timeout) throws InterruptedException {
            return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The next {@code count} records, failing if they do not all arrive within the wait or an error comes. */
        List<AcknowledgeableRecord<byte[], byte[]>> take(int count) throws Exception {
            List<AcknowledgeableRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (records.size() < count) {
                if (error.isDone()) {
                    throw new AssertionError("the subscription failed after " + records.size() + " records", error.get());
                }
                AcknowledgeableRecord<byte[], byte[]> record = received.poll(500, TimeUnit.MILLISECONDS);
                if (record != null) {
                    records.add(record);
                } else if (System.nanoTime() > deadline) {
                    throw new AssertionError("received " + records.size() + " of " + count + " records");
                }
            }
            return records;
        }
    }
}
