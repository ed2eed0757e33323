package org.hyperiot.streaming.benchmark.saga.rawloop;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads partitions from their beginning to their stable end, as a loop restores its state from a log. */
final class StableEnd {

    private StableEnd() {
    }

    /**
     * Hands every committed record of {@code partitions} to {@code action}, up to the end a
     * {@code read_committed} consumer sees when it starts (the last stable offset).
     */
    static void read(KafkaConsumer<String, byte[]> reader, Collection<TopicPartition> partitions, Duration timeout,
            Consumer<ConsumerRecord<String, byte[]>> action) {
        reader.assign(partitions);
        reader.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = reader.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ends.entrySet().stream().anyMatch(end -> reader.position(end.getKey()) < end.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("could not read " + partitions + " to their end within " + timeout);
            }
            reader.poll(Duration.ofMillis(100)).forEach(action);
        }
    }
}
