package org.hyperiot.streaming.api.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Topic, consumer group and ACL administration that waits for Kafka's answer: every method returns
 * only once the cluster has answered (and applied a change), and throws {@link KafkaAdminException}
 * with Kafka's reason and a stable {@link KafkaAdminException#errorCode() code} if it did not:
 * {@code KAFKA_UNAVAILABLE} when Kafka did not answer in time, {@code KAFKA_NOT_AUTHORIZED} when the
 * platform's credentials lack the right, {@code INTERRUPTED} when the calling thread was interrupted
 * (its interrupt flag is set again).
 *
 * <p>This is the platform bundles' way to administer Kafka; it checks nothing about which topics or
 * groups a caller should touch. The REST API guards the platform's own topics itself.
 */
@ProviderType
public interface KafkaTopicAdmin {

    /** The topics of the cluster (internal topics excluded). */
    List<TopicDescription> listTopics();

    /**
     * Creates a topic. A negative {@code partitions} or {@code replicationFactor} takes the cluster's
     * default; {@code configs} are topic-level settings such as {@code cleanup.policy}.
     */
    void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs);

    /** Deletes a topic; {@code UNKNOWN_TOPIC} if there is none of that name. */
    void deleteTopic(String name);

    /**
     * The topic called {@code name} with its partition count and the configuration in effect for it,
     * or empty if the cluster has no such topic.
     */
    Optional<TopicDetails> describeTopic(String name);

    /**
     * Grows the topic to {@code totalPartitions} partitions. Does nothing when it has that many or
     * more already (someone else may have grown it first): Kafka never removes partitions.
     * {@code UNKNOWN_TOPIC} if there is no such topic.
     */
    void createPartitions(String name, int totalPartitions);

    /**
     * Deletes a consumer group with its committed offsets.
     *
     * @return {@code true} if it was deleted, {@code false} if there was no such group
     * @throws KafkaAdminException {@code GROUP_NOT_EMPTY} while the group has members; a member that
     *                             left recently may still count until the coordinator has seen it go
     */
    boolean deleteConsumerGroup(String groupId);

    /** The ACLs matching {@code filter}. */
    Collection<AclBinding> listAcls(AclBindingFilter filter);

    /** Adds ACLs. */
    void addAcls(Collection<AclBinding> acls);

    /** Removes the ACLs matching the filters and returns those removed. */
    Collection<AclBinding> removeAcls(Collection<AclBindingFilter> filters);

    /**
     * A topic as the cluster describes it.
     *
     * @param name              the topic name
     * @param partitions        its partition count
     * @param replicationFactor its replication factor
     * @param configs           its non-default configuration
     */
    record TopicDescription(String name, int partitions, int replicationFactor, Map<String, String> configs) {
    }

    /**
     * A topic with the configuration in effect for it, as {@link #describeTopic} finds it.
     *
     * @param name              the topic name
     * @param partitions        its partition count
     * @param replicationFactor its replication factor
     * @param configs           every topic-level setting in effect, whether set on the topic or taken
     *                          from the broker's defaults (so {@code cleanup.policy} is always there);
     *                          sensitive settings are left out
     */
    record TopicDetails(String name, int partitions, int replicationFactor, Map<String, String> configs) {

        /** Copies the configuration. */
        public TopicDetails {
            configs = Map.copyOf(configs);
        }
    }
}
