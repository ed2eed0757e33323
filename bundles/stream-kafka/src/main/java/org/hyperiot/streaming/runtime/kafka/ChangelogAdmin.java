package org.hyperiot.streaming.runtime.kafka;

import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.kafka.support.TransactionAdmin;

/**
 * The admin requests a {@link ChangelogRestorer} makes: partition counts, and the transactions open
 * on partitions as their leaders and their coordinators see them; and the deletion of what a
 * {@code RepartitionPurge} (the stream runtime's) finds consumed. Failures come out as
 * {@link KafkaUnavailableException}, the transaction requests' ({@link TransactionAdmin}) included.
 */
public interface ChangelogAdmin extends TransactionAdmin, AutoCloseable {

    /** How many partitions {@code topic} has. */
    int partitionCount(String topic);

    /** Adds partitions to {@code topic} up to {@code partitions}; nothing if it has that many already. */
    void widen(String topic, int partitions);

    /**
     * The producer id {@code transactionalId}'s coordinator holds for it; empty when the coordinator knows
     * no such id.
     */
    OptionalLong producerId(String transactionalId);

    /**
     * Deletes the records of each partition before the given offset (a repartition topic's records
     * that its readers have committed past).
     */
    void deleteRecordsBefore(Map<TopicPartition, Long> offsets);

    @Override
    void close();
}
