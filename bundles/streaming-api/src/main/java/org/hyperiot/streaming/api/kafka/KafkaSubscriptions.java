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
 *
 * <p>Every publisher accepts a single subscriber; a second one receives
 * {@link Flow.Subscriber#onError onError} with an {@link IllegalStateException}. Subscribing starts a
 * dedicated consumer thread, which delivers every signal to the subscriber and calls the
 * {@link PartitionListener}. The subscription honours demand: while the subscriber has requested
 * nothing, the consumer pauses its partitions but keeps its group membership alive.
 * {@link Flow.Subscription#cancel() Cancelling} commits what was acknowledged, closes the consumer
 * and sends no further signal. A fatal consumer error, or the stop of this service, ends the
 * subscription with {@code onError}.
 *
 * <p>The consumer is configured like every consumer of the {@link KafkaConnector}, plus
 * {@code overrides} (native Kafka property names, for instance {@code auto.offset.reset}); the
 * group id is the one given, and {@code enable.auto.commit} is always {@code false}.
 */
@ProviderType
public interface KafkaSubscriptions {

    /**
     * A publisher of the records of {@code topics}, read by the consumer group {@code groupId}, whose
     * partitions are shared among the group's members.
     *
     * @param groupId the consumer group, which owns the committed offsets; not blank
     * @param topics the topics to read; not empty
     * @param overrides native Kafka consumer properties for this subscription; may be empty
     * @param listener told of partitions assigned and revoked; {@code null} for none
     * @return a publisher for one subscriber; nothing is read before it subscribes
     */
    Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> subscribe(String groupId, Collection<String> topics,
            Map<String, Object> overrides, PartitionListener listener);

    /**
     * A publisher of the records of every topic matching {@code pattern}, including topics created
     * later, read by the consumer group {@code groupId}.
     *
     * @param groupId the consumer group, which owns the committed offsets; not blank
     * @param pattern matched against whole topic names
     * @param overrides native Kafka consumer properties for this subscription; may be empty
     * @param listener told of partitions assigned and revoked; {@code null} for none
     * @return a publisher for one subscriber; nothing is read before it subscribes
     */
    Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> subscribe(String groupId, Pattern pattern,
            Map<String, Object> overrides, PartitionListener listener);

    /**
     * A publisher of the given partitions, assigned directly (no group rebalancing); the group only
     * stores the committed offsets, where reading starts.
     *
     * @param groupId the consumer group under which offsets are committed; not blank
     * @param partitions the partitions to read; not empty
     * @param overrides native Kafka consumer properties for this subscription; may be empty
     * @return a publisher for one subscriber; nothing is read before it subscribes
     */
    Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> assign(String groupId, Collection<TopicPartition> partitions,
            Map<String, Object> overrides);

    /**
     * Told, on the subscription's consumer thread, when the group gives partitions to, or takes them
     * from, a subscription. Records of a partition that was taken away, delivered but not
     * acknowledged, are delivered again to its next owner.
     */
    interface PartitionListener {

        /**
         * Partitions newly assigned to the subscription.
         *
         * @param partitions the new partitions; never empty
         */
        void assigned(Collection<TopicPartition> partitions);

        /**
         * Partitions taken away in an orderly rebalance; their acknowledged offsets have been committed.
         *
         * @param partitions the partitions given up; never empty
         */
        void revoked(Collection<TopicPartition> partitions);

        /**
         * Partitions the group already gave to another member (for instance after a session
         * timeout), so their acknowledged offsets could not be committed and those records will be
         * read again. By default reported as {@link #revoked}.
         *
         * @param partitions the partitions lost; never empty
         */
        default void lost(Collection<TopicPartition> partitions) {
            revoked(partitions);
        }
    }
}
