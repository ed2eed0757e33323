package org.hyperiot.streaming.kafka.internal.subscription;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Kafka's MockConsumer with two things the subscription tests need: an empty poll waits a little,
 * as a real consumer's poll does, instead of spinning; and commits stay readable after close.
 */
final class PollingMockConsumer extends MockConsumer<byte[], byte[]> {

    private static final long EMPTY_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();

    PollingMockConsumer() {
        super("earliest");
    }

    @Override
    public ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        ConsumerRecords<byte[], byte[]> records = super.poll(timeout);
        if (records.isEmpty()) {
            LockSupport.parkNanos(EMPTY_POLL_NANOS);
        }
        return records;
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        super.commitSync(offsets);
        offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
    }

    /** The offset last committed for {@code partition}, or -1. */
    long committedOffset(TopicPartition partition) {
        return commits.getOrDefault(partition, -1L);
    }

    /** Assigns {@code partitions} through the group protocol and adds {@code count} records to each, on the polling thread. */
    void assignWithRecords(int count, TopicPartition... partitions) {
        schedulePollTask(() -> {
            List<TopicPartition> list = List.of(partitions);
            Map<TopicPartition, Long> beginnings = new HashMap<>();
            list.forEach(partition -> beginnings.put(partition, 0L));
            updateBeginningOffsets(beginnings);
            rebalance(list);
            for (TopicPartition partition : list) {
                for (int offset = 0; offset < count; offset++) {
                    addRecord(new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                            ("k" + offset).getBytes(), ("v" + offset).getBytes()));
                }
            }
        });
    }
}
