package org.hyperiot.streaming.kafka.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link KafkaTopicAdmin} on one admin client of the connector, replaced when the connector's
 * configuration changes. Every call waits for Kafka's answer and reports its error with a stable code.
 */
@Component(service = KafkaTopicAdmin.class)
public class KafkaTopicAdminComponent implements KafkaTopicAdmin {

    private static final long TIMEOUT_SECONDS = 30;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaConnector connector;
    private final ConnectorReconfiguration reconfiguration;
    private final Runnable reconnect = this::reconnect;
    private volatile Admin admin;

    @Activate
    public KafkaTopicAdminComponent(@Reference KafkaConnector connector,
            @Reference ConnectorReconfiguration reconfiguration) {
        this.connector = connector;
        this.reconfiguration = reconfiguration;
        this.admin = newAdmin();
        reconfiguration.addListener(reconnect);
    }

    @Deactivate
    void deactivate() {
        reconfiguration.removeListener(reconnect);
        Admin current = admin;
        KafkaClientLoader.run(() -> current.close(CLOSE_TIMEOUT));
    }

    private void reconnect() {
        Admin replaced = admin;
        admin = newAdmin();
        // Calls still running on the old client get until the timeout to finish.
        KafkaClientLoader.run(() -> replaced.close(CLOSE_TIMEOUT));
    }

    private Admin newAdmin() {
        return connector.newAdmin(Map.of("client.id", "hyperiot-" + connector.identity().layer() + "-"
                + connector.identity().nodeId() + "-topic-admin"));
    }

    @Override
    public List<TopicDescription> listTopics() {
        // One client for the three calls, even if a reconfiguration replaces it meanwhile.
        Admin client = admin;
        Set<String> names = await("list topics", client.listTopics().names());
        if (names.isEmpty()) {
            return List.of();
        }
        // Topic by topic: one deleted since the listing (its deletion still spreading) is left out, as
        // the listing a moment later would, instead of failing the whole list.
        Map<String, KafkaFuture<org.apache.kafka.clients.admin.TopicDescription>> descriptions =
                client.describeTopics(names).topicNameValues();
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, KafkaFuture<Config>> configs = client.describeConfigs(resources).values();
        List<TopicDescription> topics = new ArrayList<>();
        for (String name : names) {
            Optional<org.apache.kafka.clients.admin.TopicDescription> topic = unlessDeleted("describe topic " + name,
                    descriptions.get(name));
            Optional<Config> config = unlessDeleted("describe the configuration of topic " + name,
                    configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)));
            if (topic.isPresent() && config.isPresent()) {
                topics.add(new TopicDescription(name, topic.get().partitions().size(), replicationFactor(topic.get()),
                        explicitConfigs(config.get())));
            }
        }
        topics.sort(Comparator.comparing(TopicDescription::name));
        return topics;
    }

    /** The answer of a request about one topic; empty if the topic no longer exists. */
    private static <T> Optional<T> unlessDeleted(String action, KafkaFuture<T> future) {
        try {
            return Optional.of(await(action, future));
        } catch (KafkaAdminException e) {
            if ("UNKNOWN_TOPIC".equals(e.errorCode())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static int replicationFactor(org.apache.kafka.clients.admin.TopicDescription topic) {
        return topic.partitions().isEmpty() ? 0 : topic.partitions().get(0).replicas().size();
    }

    private static Map<String, String> explicitConfigs(Config config) {
        Map<String, String> explicit = new HashMap<>();
        if (config != null) {
            for (ConfigEntry entry : config.entries()) {
                if (entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG && !entry.isSensitive()) {
                    explicit.put(entry.name(), entry.value());
                }
            }
        }
        return explicit;
    }

    @Override
    public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
        // -1 leaves the choice to the cluster's defaults (num.partitions, default.replication.factor).
        NewTopic topic = new NewTopic(name, partitions < 0 ? Optional.empty() : Optional.of(partitions),
                replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor))
                .configs(configs == null ? Map.of() : configs);
        call("create topic " + name, client -> client.createTopics(List.of(topic)).all());
    }

    @Override
    public void deleteTopic(String name) {
        call("delete topic " + name, client -> client.deleteTopics(List.of(name)).all());
    }

    @Override
    public Optional<TopicDetails> describeTopic(String name) {
        String action = "describe topic " + name;
        return callOn(action, client -> {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
            Optional<org.apache.kafka.clients.admin.TopicDescription> topic = unlessDeleted(action,
                    client.describeTopics(List.of(name)).topicNameValues().get(name));
            if (topic.isEmpty()) {
                return Optional.empty();
            }
            // Also empty when the topic goes away between the two requests.
            return unlessDeleted(action, client.describeConfigs(List.of(resource)).values().get(resource))
                    .map(config -> new TopicDetails(name, topic.get().partitions().size(),
                            replicationFactor(topic.get()), effectiveConfigs(config)));
        });
    }

    /** Every setting in effect, wherever its value comes from; Kafka describes defaults too. */
    private static Map<String, String> effectiveConfigs(Config config) {
        Map<String, String> effective = new HashMap<>();
        if (config != null) {
            for (ConfigEntry entry : config.entries()) {
                if (!entry.isSensitive() && entry.value() != null) {
                    effective.put(entry.name(), entry.value());
                }
            }
        }
        return effective;
    }

    @Override
    public void createPartitions(String name, int totalPartitions) {
        try {
            call("grow topic " + name + " to " + totalPartitions + " partitions",
                    client -> client.createPartitions(Map.of(name, NewPartitions.increaseTo(totalPartitions))).all());
        } catch (KafkaAdminException e) {
            // Kafka refuses a count that is not higher than the current one: grown by someone else is grown.
            if (!"INVALID_PARTITIONS".equals(e.errorCode())) {
                throw e;
            }
            Optional<TopicDetails> topic = describeTopic(name);
            if (topic.isEmpty() || topic.get().partitions() < totalPartitions) {
                throw e;
            }
        }
    }

    @Override
    public boolean deleteConsumerGroup(String groupId) {
        try {
            call("delete consumer group " + groupId, client -> client.deleteConsumerGroups(List.of(groupId)).all());
            return true;
        } catch (KafkaAdminException e) {
            if ("UNKNOWN_GROUP".equals(e.errorCode())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Collection<AclBinding> listAcls(AclBindingFilter filter) {
        return call("list ACLs", client -> client.describeAcls(filter).values());
    }

    @Override
    public void addAcls(Collection<AclBinding> acls) {
        call("add ACLs", client -> client.createAcls(acls).all());
    }

    @Override
    public Collection<AclBinding> removeAcls(Collection<AclBindingFilter> filters) {
        return call("remove ACLs", client -> client.deleteAcls(filters).all());
    }

    /**
     * Makes one call on the current client. A call that meets the client being closed by a
     * reconfiguration fails with "The AdminClient thread has exited" (or is refused outright); it
     * did not reach Kafka through that client's closed thread, so it is made again, once, on the
     * client that replaced it, instead of failing the caller.
     */
    private <T> T call(String action, Function<Admin, KafkaFuture<T>> request) {
        return callOn(action, client -> await(action, request.apply(client)));
    }

    /** As {@link #call}, for an operation of several requests made on one client. */
    private <T> T callOn(String action, Function<Admin, T> operation) {
        Admin client = admin;
        try {
            return operation.apply(client);
        } catch (RuntimeException e) {
            Admin replacement = admin;
            if (replacement == client) {
                throw e;
            }
            return operation.apply(replacement);
        }
    }

    private static <T> T await(String action, KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw KafkaAdminErrors.translate(action, e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaAdminException("KAFKA_UNAVAILABLE",
                    "Kafka did not answer within " + TIMEOUT_SECONDS + " s to: " + action, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaAdminException("INTERRUPTED", "Interrupted while waiting for Kafka to " + action, e);
        }
    }
}
