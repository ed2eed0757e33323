package org.hyperiot.streaming.runtime.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The admin requests a {@link ChangelogRestorer} makes: partition counts, and the transactions open
 * on partitions as their leaders and their coordinators see them; and the deletion of what a
 * {@code RepartitionPurge} (the stream runtime's) finds consumed. Failures come out as
 * {@link KafkaUnavailableException}.
 */
public interface ChangelogAdmin extends AutoCloseable {

    /** How many partitions {@code topic} has. */
    int partitionCount(String topic);

    /** Adds partitions to {@code topic} up to {@code partitions}; nothing if it has that many already. */
    void widen(String topic, int partitions);

    /** The producers with a transaction open on each partition; partitions without one are left out. */
    Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions);

    /** What the transaction coordinators know of these producers' transactions, by producer id. */
    Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds);

    /**
     * The producer id {@code transactionalId}'s coordinator holds for it; empty when the coordinator knows
     * no such id.
     */
    OptionalLong producerId(String transactionalId);

    /** Writes an abort marker for the producer's transaction on the partition. */
    void abort(TopicPartition partition, ProducerState producer);

    /**
     * Deletes the records of each partition before the given offset (a repartition topic's records
     * that its readers have committed past).
     */
    void deleteRecordsBefore(Map<TopicPartition, Long> offsets);

    @Override
    void close();
}
