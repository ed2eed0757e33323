package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StreamTopics} on a Kafka {@link Admin} client, which it closes. */
final class KafkaStreamTopics implements StreamTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    KafkaStreamTopics(Admin admin) {
        this.admin = admin;
    }

    @Override
    public Map<String, Integer> partitionCounts(List<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> descriptions = admin.describeTopics(topics).topicNameValues();
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String topic : new LinkedHashSet<>(topics)) {
            try {
                counts.put(topic, call(descriptions.get(topic)).partitions().size());
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                missing.add(topic);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("source topic" + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
                    + (missing.size() == 1 ? " does" : " do") + " not exist yet; the stream starts once "
                    + (missing.size() == 1 ? "it does" : "they do"));
        }
        return counts;
    }

    /**
     * A changelog with another cleanup policy would lose state to retention, so the stream refuses to
     * start on it. A source topic that gained partitions widens the changelog: the state of source
     * partition {@code p} lives in changelog partition {@code p}.
     */
    @Override
    public void ensureChangelog(String changelog, int partitions) {
        NewTopic topic = new NewTopic(changelog, Optional.of(partitions), Optional.empty())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            call(admin.createTopics(List.of(topic)).all());
            LOG.info("Created changelog {} with {} partitions", changelog, partitions);
            return;
        } catch (IllegalStateException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, changelog);
        Config config = call(admin.describeConfigs(List.of(resource)).all()).get(resource);
        ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                || policy.value().contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("changelog topic " + changelog + " has cleanup.policy="
                    + (policy == null ? "unknown" : policy.value()) + "; it must be compact alone, or state is "
                    + "lost to retention. Delete the stream with purgeState=true, or fix the topic");
        }
        int existing = call(admin.describeTopics(List.of(changelog)).allTopicNames()).get(changelog).partitions().size();
        if (existing < partitions) {
            call(admin.createPartitions(Map.of(changelog, NewPartitions.increaseTo(partitions))).all());
            LOG.info("Widened changelog {} from {} to {} partitions, as its source topics grew", changelog, existing,
                    partitions);
        }
    }

    @Override
    public void close() {
        admin.close(Closing.TIMEOUT);
    }

    /** The future's value; its failure as an {@link IllegalStateException} whose cause is Kafka's error. */
    private static <T> T call(KafkaFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
