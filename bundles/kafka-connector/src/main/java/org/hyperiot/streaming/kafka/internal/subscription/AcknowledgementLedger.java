package org.hyperiot.streaming.kafka.internal.subscription;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;

/**
 * The acknowledgement state of every partition a subscription currently owns. Used only on the
 * consumer thread; the per-partition states it hands out accept acknowledgements from any thread.
 */
final class AcknowledgementLedger {

    private final Map<TopicPartition, PartitionAcknowledgements> partitions = new HashMap<>();

    /** Registers {@code record} as delivered and returns the handle its subscriber acknowledges. */
    <K, V> AcknowledgeableRecord<K, V> track(ConsumerRecord<K, V> record) {
        PartitionAcknowledgements partition = partitions.computeIfAbsent(
                new TopicPartition(record.topic(), record.partition()), p -> new PartitionAcknowledgements());
        partition.delivered(record.offset());
        return new TrackedRecord<>(record, partition);
    }

    /** The offsets that acknowledgements made committable since the last commit, for every partition. */
    Map<TopicPartition, OffsetAndMetadata> readyToCommit() {
        return readyToCommit(partitions.keySet());
    }

    /** The offsets that acknowledgements made committable since the last commit, for {@code selected}. */
    Map<TopicPartition, OffsetAndMetadata> readyToCommit(Collection<TopicPartition> selected) {
        Map<TopicPartition, OffsetAndMetadata> ready = new HashMap<>();
        for (TopicPartition partition : selected) {
            PartitionAcknowledgements state = partitions.get(partition);
            if (state != null) {
                OptionalLong offset = state.uncommitted();
                if (offset.isPresent()) {
                    ready.put(partition, new OffsetAndMetadata(offset.getAsLong()));
                }
            }
        }
        return ready;
    }

    /** Records a successful commit of {@code offsets}. */
    void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            PartitionAcknowledgements state = partitions.get(partition);
            if (state != null) {
                state.committed(offset.offset());
            }
        });
    }

    /** Drops the state of partitions the subscription no longer owns. */
    void forget(Collection<TopicPartition> gone) {
        gone.forEach(partitions::remove);
    }
}
