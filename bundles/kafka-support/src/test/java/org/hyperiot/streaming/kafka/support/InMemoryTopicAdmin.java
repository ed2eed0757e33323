package org.hyperiot.streaming.kafka.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;

/**
 * A {@link KafkaTopicAdmin} over topics held in memory, answering as a broker with Kafka's default
 * settings does: a topic gets {@code cleanup.policy=delete} and seven days of retention unless it
 * was created with other settings, and is described with every setting in effect. Failures queued in
 * {@link #failures} are thrown by the next calls, one each, as an unreachable cluster's would be.
 */
public class InMemoryTopicAdmin implements KafkaTopicAdmin {

    static final Map<String, String> BROKER_DEFAULTS = Map.of("cleanup.policy", "delete",
            "retention.ms", "604800000", "retention.bytes", "-1");

    final Queue<KafkaAdminException> failures = new ConcurrentLinkedQueue<>();
    private final Map<String, TopicDetails> topics = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    /** A topic as someone else created it: with {@code settings} over the broker's defaults. */
    public void existing(String name, int partitions, Map<String, String> settings) {
        topics.put(name, new TopicDetails(name, partitions, 1, withDefaults(settings)));
    }

    /** Changes a setting of an existing topic, as {@code kafka-configs.sh --alter} does. */
    void alter(String name, String key, String value) {
        TopicDetails topic = topics.get(name);
        Map<String, String> configs = new HashMap<>(topic.configs());
        configs.put(key, value);
        topics.put(name, new TopicDetails(name, topic.partitions(), topic.replicationFactor(), configs));
    }

    /** The topic as the cluster holds it now. */
    public Optional<TopicDetails> topic(String name) {
        return Optional.ofNullable(topics.get(name));
    }

    /** The requests made so far, as {@code "describe t"} or {@code "create t"}. */
    List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public Optional<TopicDetails> describeTopic(String name) {
        request("describe " + name);
        return topic(name);
    }

    @Override
    public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        request("create " + name);
        TopicDetails created = new TopicDetails(name, partitions < 0 ? 1 : partitions,
                replicationFactor < 0 ? 1 : replicationFactor, withDefaults(configs));
        if (topics.putIfAbsent(name, created) != null) {
            throw new KafkaAdminException("TOPIC_EXISTS", "Topic '" + name + "' already exists.", null);
        }
    }

    @Override
    public void deleteTopic(String name) {
        request("delete " + name);
        if (topics.remove(name) == null) {
            throw new KafkaAdminException("UNKNOWN_TOPIC", "This server does not host this topic-partition.", null);
        }
    }

    @Override
    public List<TopicDescription> listTopics() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void createPartitions(String name, int totalPartitions) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean deleteConsumerGroup(String groupId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<AclBinding> listAcls(AclBindingFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void addAcls(Collection<AclBinding> acls) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Collection<AclBinding> removeAcls(Collection<AclBindingFilter> filters) {
        throw new UnsupportedOperationException();
    }

    private void request(String request) {
        requests.add(request);
        KafkaAdminException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
    }

    private static Map<String, String> withDefaults(Map<String, String> settings) {
        Map<String, String> configs = new HashMap<>(BROKER_DEFAULTS);
        configs.putAll(settings);
        return configs;
    }
}
