package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.TopicConfig;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link StreamTopics} through the platform's {@link KafkaTopicAdmin}. */
public final class KafkaStreamTopics implements StreamTopics {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamTopics.class);

    private final KafkaTopicAdmin topicAdmin;

    public KafkaStreamTopics(KafkaTopicAdmin topicAdmin) {
        this.topicAdmin = topicAdmin;
    }

    @Override
    public Map<String, Integer> partitionCounts(List<String> topics) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String topic : new LinkedHashSet<>(topics)) {
            Optional<TopicDetails> details = describe(topic);
            if (details.isPresent()) {
                counts.put(topic, details.get().partitions());
            } else {
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
        try {
            topicAdmin.createTopic(changelog, partitions, (short) -1,
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            LOG.info("Created changelog {} with {} partitions", changelog, partitions);
            return;
        } catch (KafkaAdminException e) {
            if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        TopicDetails existing = describe(changelog).orElseThrow(() -> new IllegalStateException(
                "changelog topic " + changelog + " was deleted while the stream started"));
        String policy = existing.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("changelog topic " + changelog + " has cleanup.policy="
                    + (policy == null ? "unknown" : policy) + "; it must be compact alone, or state is "
                    + "lost to retention. Delete the stream with purgeState=true, or fix the topic");
        }
        if (existing.partitions() < partitions) {
            try {
                topicAdmin.createPartitions(changelog, partitions);
            } catch (KafkaAdminException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            LOG.info("Widened changelog {} from {} to {} partitions, as its source topics grew", changelog,
                    existing.partitions(), partitions);
        }
    }

    @Override
    public int ensureRepartition(String topic, int partitions, boolean required) {
        try {
            topicAdmin.createTopic(topic, partitions, (short) -1, Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                    TopicConfig.RETENTION_MS_CONFIG, "-1",
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "CreateTime"));
            LOG.info("Created repartition topic {} with {} partitions", topic, partitions);
            return partitions;
        } catch (KafkaAdminException e) {
            if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        TopicDetails existing = describe(topic).orElseThrow(() -> new IllegalStateException(
                "repartition topic " + topic + " was deleted while the stream started"));
        String policy = existing.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            throw new IllegalStateException("repartition topic " + topic + " has cleanup.policy=" + policy
                    + "; compaction would drop routed records. Delete the stream with purgeState=true, or fix the topic");
        }
        if (required && existing.partitions() != partitions) {
            throw new IllegalStateException("repartition topic " + topic + " has " + existing.partitions()
                    + " partitions but the keyBy asks for " + partitions + "; the window state is spread by the "
                    + "existing count. Delete the stream with purgeState=true to start over with the new count");
        }
        return existing.partitions();
    }

    private Optional<TopicDetails> describe(String topic) {
        try {
            return topicAdmin.describeTopic(topic);
        } catch (KafkaAdminException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
