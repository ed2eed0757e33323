package org.hyperiot.streaming.kafka.support;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The admin requests a {@link HangingTransactionSweep} makes: the transactions open on partitions as
 * their leaders see them, the same transactions as their coordinators see them, and an abort. Kafka's
 * failures come out as unchecked exceptions, their cause showing why (an authorization error, a timeout).
 */
public interface TransactionAdmin {

    /** The producers with a transaction open on each partition; partitions without one are left out. */
    Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions);

    /** What the transaction coordinators know of these producers' transactions, by producer id. */
    Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds);

    /** Writes an abort marker for the producer's transaction on the partition. */
    void abort(TopicPartition partition, ProducerState producer);
}
