package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.api.kafka.ClusterMessaging.ClusterNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ClusterTopicListenerTest {

    private static final String TOPIC = "hyperiot_layer_microservices";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final long NOW = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final FailureLog failures = new FailureLog((message, error) -> logged.add(message), Duration.ofMinutes(5), CLOCK);
    private final LiveNodes liveNodes = new LiveNodes(15_000, 5_000);
    private final List<TopicMockConsumer> consumers = new CopyOnWriteArrayList<>();
    private final AtomicInteger failingCreations = new AtomicInteger();
    private ClusterTopicListener listener;
    private Thread thread;

    @AfterEach
    void stop() throws InterruptedException {
        if (listener != null) {
            listener.stop();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    @Test
    void badHeartbeatsAndFailingRecordsAreSkippedAndLoggedOnceAndTheListenerGoesOn() throws InterruptedException {
        HeartbeatReader heartbeats = new HeartbeatReader(liveNodes, CLOCK, failures);
        start(record -> {
            if ("boom".equals(new String(record.value(), StandardCharsets.UTF_8))) {
                throw new IllegalStateException("a handler failed");
            }
            heartbeats.accept(record);
        });
        Eventually.until("the first consumer is assigned", () -> !consumers.isEmpty() && !consumers.get(0).assignment().isEmpty());
        TopicMockConsumer consumer = consumers.get(0);

        consumer.deliver(List.of(
                heartbeat(0, "2".getBytes(StandardCharsets.UTF_8), NOW, "ok"),
                heartbeat(1, "../ghost".getBytes(StandardCharsets.UTF_8), NOW, "ok"),
                heartbeat(2, new byte[] {(byte) 0xff, (byte) 0xfe}, NOW, "ok"),
                heartbeat(3, "ghost-node".getBytes(StandardCharsets.UTF_8), NOW + 50 * 60_000, "ok"),
                heartbeat(4, "ghost-node".getBytes(StandardCharsets.UTF_8), NOW + 50 * 60_000, "ok"),
                heartbeat(5, "4".getBytes(StandardCharsets.UTF_8), NOW, "boom"),
                heartbeat(6, "4".getBytes(StandardCharsets.UTF_8), NOW, "boom"),
                heartbeat(7, "3".getBytes(StandardCharsets.UTF_8), NOW - 1000, "ok")));

        Eventually.until("node 3 is listed", () -> liveNodes.live(NOW).stream().anyMatch(node -> node.nodeId().equals("3")));
        assertThat(liveNodes.live(NOW)).containsExactlyInAnyOrder(new ClusterNode("2", NOW), new ClusterNode("3", NOW - 1000));
        assertThat(logged).hasSize(3);
        assertThat(logged).filteredOn(line -> line.contains("not a valid node id")).hasSize(1);
        assertThat(logged).filteredOn(line -> line.contains("ghost-node") && line.contains("3000000 ms ahead")).hasSize(1);
        assertThat(logged).filteredOn(line -> line.contains("a handler failed")).hasSize(1);
        assertThat(consumers).as("record failures need no new consumer").hasSize(1);
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheRecordsAfterItAreRead() throws InterruptedException {
        List<String> handled = new CopyOnWriteArrayList<>();
        start(record -> handled.add(new String(record.value(), StandardCharsets.UTF_8)));
        Eventually.until("the first consumer is assigned", () -> !consumers.isEmpty() && !consumers.get(0).assignment().isEmpty());
        TopicMockConsumer consumer = consumers.get(0);

        consumer.deliver(List.of(heartbeat(0, "2".getBytes(StandardCharsets.UTF_8), NOW, "first")));
        Eventually.until("the first record is handled", () -> handled.contains("first"));
        consumer.failNextPoll(new RecordDeserializationException(PARTITION, 1, "corrupt record", null));
        consumer.deliver(List.of(heartbeat(2, "2".getBytes(StandardCharsets.UTF_8), NOW, "after")));

        Eventually.until("the record after the unreadable one is handled", () -> handled.contains("after"));
        assertThat(logged).singleElement().asString().contains("unreadable record " + PARTITION + "@1");
    }

    @Test
    void aFailingPollOrAConsumerThatCannotBeCreatedIsRetriedWithANewConsumer() throws InterruptedException {
        List<String> handled = new CopyOnWriteArrayList<>();
        failingCreations.set(3);
        start(record -> handled.add(new String(record.value(), StandardCharsets.UTF_8)));
        Eventually.until("a consumer is assigned", () -> !consumers.isEmpty() && !consumers.get(0).assignment().isEmpty());
        assertThat(logged).as("three failed creations, one line").singleElement().asString().contains("could not create its consumer");

        for (int i = 0; i < 3; i++) {
            TopicMockConsumer failing = consumers.get(consumers.size() - 1);
            failing.failNextPoll(new KafkaException("the broker went away"));
            int before = consumers.size();
            Eventually.until("a new consumer is assigned", () -> consumers.size() > before
                    && !consumers.get(consumers.size() - 1).assignment().isEmpty());
        }
        consumers.get(consumers.size() - 1).deliver(List.of(heartbeat(0, "2".getBytes(StandardCharsets.UTF_8), NOW, "later")));

        Eventually.until("records are read again", () -> handled.contains("later"));
        assertThat(logged).filteredOn(line -> line.contains("the broker went away")).hasSize(1);
        assertThat(listener.isRunning()).isTrue();
    }

    private void start(java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        listener = new ClusterTopicListener(() -> {
            if (failingCreations.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new KafkaException("Failed to construct kafka consumer");
            }
            TopicMockConsumer consumer = new TopicMockConsumer();
            consumers.add(consumer);
            return consumer;
        }, TOPIC, handler, () -> NOW - 15_000, Duration.ofMillis(10), failures);
        thread = new Thread(listener, "test-cluster-listener");
        thread.start();
    }

    private static ConsumerRecord<byte[], byte[]> heartbeat(long offset, byte[] sender, long timestamp, String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ClusterMessagingComponent.HEARTBEAT_HEADER, sender);
        return new ConsumerRecord<>(TOPIC, 0, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, sender,
                value.getBytes(StandardCharsets.UTF_8), headers, java.util.Optional.empty());
    }

    /** A MockConsumer on one partition of the layer topic whose records and failures the test hands in. */
    private static final class TopicMockConsumer extends MockConsumer<byte[], byte[]> {

        TopicMockConsumer() {
            super("latest");
            updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
            updateBeginningOffsets(Map.of(PARTITION, 0L));
            updateEndOffsets(Map.of(PARTITION, 0L));
        }

        void deliver(List<ConsumerRecord<byte[], byte[]>> records) {
            schedulePollTask(() -> records.forEach(this::addRecord));
        }

        void failNextPoll(KafkaException error) {
            schedulePollTask(() -> setPollException(error));
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times) {
            // Nothing written since the requested time: the listener starts at the end.
            Map<TopicPartition, OffsetAndTimestamp> none = new HashMap<>();
            times.keySet().forEach(partition -> none.put(partition, null));
            return none;
        }

        @Override
        public Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> times, Duration timeout) {
            return offsetsForTimes(times);
        }

        @Override
        public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
            ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
            if (records.isEmpty()) {
                // A real poll waits for records; this keeps the test from spinning.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
            }
            return records;
        }
    }
}
