package org.hyperiot.streaming.saga.internal;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;

/**
 * Creates the coordinator's topics when they are missing and checks the ones that exist: the saga
 * log compacted, and the log and the events topic with the same number of partitions, since the
 * coordinator owning partition p of one owns partition p of the other. A topic found unfit stops the
 * coordinator with the reason rather than losing sagas quietly.
 */
public final class SagaTopicSetup {

    private static final Map<String, String> COMPACTED = Map.of("cleanup.policy", "compact");
    private static final Duration VISIBILITY_POLL = Duration.ofMillis(50);

    private final KafkaTopicAdmin admin;
    private final int partitions;
    private final short replicationFactor;
    private final long handledRetentionMs;
    /** How long a topic just created may stay unknown to the broker that answers describes. */
    private final Duration visibilityWait;
    private final Map<String, Integer> commandPartitions = new ConcurrentHashMap<>();
    /** The partitions of the log and the events topic once found fit; they never shrink. */
    private volatile Integer coordinatorPartitions;

    public SagaTopicSetup(KafkaTopicAdmin admin, int partitions, short replicationFactor, long handledRetentionMs) {
        this(admin, partitions, replicationFactor, handledRetentionMs, Duration.ofSeconds(10));
    }

    SagaTopicSetup(KafkaTopicAdmin admin, int partitions, short replicationFactor, long handledRetentionMs,
            Duration visibilityWait) {
        this.admin = admin;
        this.visibilityWait = visibilityWait;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.handledRetentionMs = handledRetentionMs;
    }

    /**
     * Makes sure the saga log and the events topic exist and fit together; answered from memory once
     * they were found so.
     *
     * @return the number of partitions they share
     * @throws UnfitSagaTopicException if an existing topic cannot be used
     * @throws KafkaAdminException     if Kafka did not answer
     */
    public int ensureCoordinatorTopics() {
        Integer known = coordinatorPartitions;
        if (known != null) {
            return known;
        }
        TopicDetails log = ensure(SagaTopics.LOG, partitions, COMPACTED);
        requireCompacted(log);
        TopicDetails events = ensure(SagaTopics.EVENTS, log.partitions(), Map.of());
        if (events.partitions() != log.partitions()) {
            throw new UnfitSagaTopicException("topic '" + SagaTopics.EVENTS + "' has " + events.partitions()
                    + " partitions and '" + SagaTopics.LOG + "' " + log.partitions() + ": they must have the same "
                    + "count, since the coordinator owning partition p of one owns partition p of the other");
        }
        coordinatorPartitions = log.partitions();
        return log.partitions();
    }

    /**
     * Makes sure a participant's commands topic exists; answered from memory once it was seen.
     *
     * @return the number of partitions it has
     */
    public int ensureCommandsTopic(String participant) {
        Integer known = commandPartitions.get(participant);
        if (known != null) {
            return known;
        }
        int count = ensure(SagaTopics.commands(participant), partitions, Map.of()).partitions();
        commandPartitions.put(participant, count);
        return count;
    }

    /**
     * Makes sure a participant's record of handled commands exists, compacted, with as many partitions as
     * its commands topic; it is grown if the commands topic grew.
     */
    public void ensureHandledTopic(String participant, int commandPartitions) {
        String topic = SagaTopics.handled(participant);
        TopicDetails handled = ensure(topic, commandPartitions, Map.of("cleanup.policy", "compact,delete",
                "retention.ms", Long.toString(handledRetentionMs)));
        if (!handled.configs().getOrDefault("cleanup.policy", "").contains("compact")) {
            throw new UnfitSagaTopicException("topic '" + topic + "' is not compacted (cleanup.policy="
                    + handled.configs().get("cleanup.policy") + ")");
        }
        if (handled.partitions() < commandPartitions) {
            admin.createPartitions(topic, commandPartitions);
        }
    }

    private TopicDetails ensure(String topic, int count, Map<String, String> configs) {
        Optional<TopicDetails> existing = admin.describeTopic(topic);
        if (existing.isPresent()) {
            return existing.get();
        }
        try {
            admin.createTopic(topic, count, replicationFactor, configs);
        } catch (KafkaAdminException e) {
            if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                throw e;
            }
            // Another node created it first: use theirs, as it is.
        }
        return describeOnceVisible(topic);
    }

    /**
     * Kafka acknowledges a creation once its controller has recorded it; the broker that answers a
     * describe learns of the topic a moment later. Until then the topic is asked for again, briefly.
     */
    private TopicDetails describeOnceVisible(String topic) {
        long deadline = System.nanoTime() + visibilityWait.toNanos();
        while (true) {
            Optional<TopicDetails> details = admin.describeTopic(topic);
            if (details.isPresent()) {
                return details.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new KafkaAdminException("UNKNOWN_TOPIC", "topic '" + topic + "' was created but could not be "
                        + "described within " + visibilityWait.toMillis() + " ms", null);
            }
            try {
                Thread.sleep(VISIBILITY_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaAdminException("INTERRUPTED", "interrupted while waiting for topic '" + topic + "'", e);
            }
        }
    }

    private static void requireCompacted(TopicDetails topic) {
        String policy = topic.configs().getOrDefault("cleanup.policy", "");
        if (!policy.equals("compact")) {
            throw new UnfitSagaTopicException("topic '" + topic.name() + "' has cleanup.policy=" + policy
                    + ": it must be compact alone, or sagas would be deleted with old segments");
        }
    }
}
