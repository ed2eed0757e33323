package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.Collection;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Passes the group's decisions to the worker's attempt. Kafka wraps whatever a callback throws, so
 * the attempt keeps a failure and throws it, typed, after {@code poll} returns.
 */
final class RebalanceListener implements ConsumerRebalanceListener {

    private final WorkerAttempt attempt;

    RebalanceListener(WorkerAttempt attempt) {
        this.attempt = attempt;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            attempt.revoked(partitions);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        attempt.lost(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            attempt.assigned(partitions);
        }
    }
}
