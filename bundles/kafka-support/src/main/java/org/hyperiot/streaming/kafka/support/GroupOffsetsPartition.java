package org.hyperiot.streaming.kafka.support;

import org.apache.kafka.common.TopicPartition;

/**
 * Where Kafka keeps a consumer group's committed offsets: one partition of {@code __consumer_offsets},
 * chosen from the group id's hash the way the group coordinator chooses it. An exactly-once producer's
 * offset commit is a transaction on that partition too, so a transaction left hanging there (a broker
 * restart can leave one) holds the group's committed offsets unstable: every member that fetches them
 * with {@code read_committed} waits until it times out.
 */
public final class GroupOffsetsPartition {

    /** Kafka's internal topic of committed offsets. */
    public static final String TOPIC = "__consumer_offsets";

    private GroupOffsetsPartition() {
    }

    /**
     * The partition of {@value #TOPIC} holding {@code groupId}'s offsets.
     *
     * @param partitionCount how many partitions {@value #TOPIC} has (its {@code offsets.topic.num.partitions})
     */
    public static TopicPartition of(String groupId, int partitionCount) {
        if (partitionCount <= 0) {
            throw new IllegalArgumentException("partition count must be positive, was " + partitionCount);
        }
        int hash = groupId.hashCode();
        // Kafka's own absolute value: Integer.MIN_VALUE maps to 0, not to itself.
        int nonNegative = hash == Integer.MIN_VALUE ? 0 : Math.abs(hash);
        return new TopicPartition(TOPIC, nonNegative % partitionCount);
    }
}
