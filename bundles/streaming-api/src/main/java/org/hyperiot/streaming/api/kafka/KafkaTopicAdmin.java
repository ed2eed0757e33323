package org.hyperiot.streaming.api.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Topic and ACL administration that waits for Kafka's answer: every method returns only once the
 * cluster has applied the change, and throws {@link KafkaAdminException} with Kafka's reason if it
 * did not.
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

    /** Deletes a topic. */
    void deleteTopic(String name);

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
}
