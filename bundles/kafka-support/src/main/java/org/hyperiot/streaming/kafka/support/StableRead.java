package org.hyperiot.streaming.kafka.support;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * Reads partitions of a compacted topic from the beginning up to their last stable offset, as a
 * {@code read_committed} consumer sees it when the read starts: every committed write before that
 * point, nothing of a transaction still open. The consumer is assigned, not subscribed, and must be
 * configured with {@code isolation.level=read_committed}.
 */
public final class StableRead {

    private static final Duration POLL = Duration.ofMillis(100);

    private StableRead() {
    }

    /**
     * Reads every record of the partitions up to their stable end.
     *
     * @param timeout how long the whole read may take
     * @param apply   called for each record, in offset order within a partition
     * @throws TimeoutException if the read did not reach the end in time
     */
    public static <K, V> void toStableEnd(Consumer<K, V> consumer, Collection<TopicPartition> partitions,
            Duration timeout, java.util.function.Consumer<ConsumerRecord<K, V>> apply) {
        if (partitions.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        consumer.assign(List.copyOf(partitions));
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> remaining = new HashMap<>(consumer.endOffsets(partitions, timeout));
        remaining.entrySet().removeIf(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
        while (!remaining.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + remaining.keySet() + " to their stable end took more than "
                        + timeout.toMillis() + " ms");
            }
            for (ConsumerRecord<K, V> record : consumer.poll(POLL)) {
                if (remaining.containsKey(new TopicPartition(record.topic(), record.partition()))) {
                    apply.accept(record);
                }
            }
            // Positions, not the last offsets seen: markers and aborted records take offsets too.
            remaining.entrySet().removeIf(end -> consumer.position(end.getKey(), timeout) >= end.getValue());
            consumer.pause(partitionsDone(consumer, remaining));
        }
        consumer.unsubscribe();
    }

    private static Collection<TopicPartition> partitionsDone(Consumer<?, ?> consumer, Map<TopicPartition, Long> remaining) {
        return consumer.assignment().stream().filter(partition -> !remaining.containsKey(partition)).toList();
    }
}
