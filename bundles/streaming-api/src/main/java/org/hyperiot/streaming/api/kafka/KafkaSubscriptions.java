package org.hyperiot.streaming.api.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Reactive consumption with explicit acknowledgement: each publisher runs one consumer in the
 * given group and commits, per partition, only up to the records its subscriber acknowledged, so a
 * restart resumes at the first unacknowledged record.
 */
@ProviderType
public interface KafkaSubscriptions {

    /** A publisher of the records of {@code topics}, read by the consumer group {@code groupId}. */
    Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> subscribe(String groupId, Collection<String> topics,
            Map<String, Object> overrides, PartitionListener listener);

    /** A publisher of the records of every topic matching {@code pattern}. */
    Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> subscribe(String groupId, Pattern pattern,
            Map<String, Object> overrides, PartitionListener listener);

    /** A publisher of the given partitions, assigned directly (no group rebalancing). */
    Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> assign(String groupId, Collection<TopicPartition> partitions,
            Map<String, Object> overrides);

    /** Told when the group gives partitions to, or takes them from, a subscription. */
    interface PartitionListener {
        /** Partitions newly assigned to the subscription. */
        void assigned(Collection<TopicPartition> partitions);

        /** Partitions taken away; their acknowledged offsets have been committed. */
        void revoked(Collection<TopicPartition> partitions);
    }
}
