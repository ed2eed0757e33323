package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records polled for the next micro-batch, by source partition, and when the batch began. A batch
 * is processed and committed as a whole when it is full or its interval has passed.
 */
public final class MicroBatchBuffer {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> gathered = new LinkedHashMap<>();
    private int size;
    private long startedAt;

    /** Adds records polled from {@code partition} at {@code now}; the first of a batch starts its interval. */
    public void add(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records, long now) {
        if (records.isEmpty()) {
            return;
        }
        if (size == 0) {
            startedAt = now;
        }
        gathered.computeIfAbsent(partition, p -> new ArrayList<>()).addAll(records);
        size += records.size();
    }

    /** How many records the batch holds. */
    public int size() {
        return size;
    }

    /** When the first record of the batch arrived; meaningless while the batch is empty. */
    public long startedAt() {
        return startedAt;
    }

    /** The batch, emptied out of the buffer. */
    public Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> drain() {
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch = new LinkedHashMap<>(gathered);
        clear();
        return batch;
    }

    /**
     * Forgets the records of partitions this worker no longer owns: their offsets are not committed,
     * so the next owner reads them again.
     */
    public void drop(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            List<ConsumerRecord<byte[], byte[]>> records = gathered.remove(partition);
            if (records != null) {
                size -= records.size();
            }
        }
    }

    /** Forgets the whole batch. */
    public void clear() {
        gathered.clear();
        size = 0;
    }
}
