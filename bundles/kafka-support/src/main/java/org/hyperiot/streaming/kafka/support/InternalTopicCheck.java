package org.hyperiot.streaming.kafka.support;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.TopicConfig;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an {@link InternalTopic} can hold what a component keeps in it, as Kafka Connect checks
 * its configuration topic before it starts: a missing topic is created compacted (with one partition),
 * and an existing one is judged as it is and never altered. A topic is fit only with
 * {@code cleanup.policy=compact} alone, since any {@code delete} in the policy makes Kafka drop records
 * by age or size, an entry that did not change for {@code retention.ms} among them; and, where the
 * topic needs it, with exactly one partition.
 *
 * <p>An unfit topic's verdict says what is wrong, what would be lost, how to fix the topic or which
 * setting of which PID names another one, and what the node does until then. A check asks Kafka on
 * the caller's thread and keeps nothing between calls.
 */
public final class InternalTopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(InternalTopicCheck.class);

    private final KafkaTopicAdmin topicAdmin;
    private final short replicationFactor;
    private final Clock clock;

    /**
     * @param topicAdmin        the platform's topic admin, through which topics are described and created
     * @param replicationFactor the replication factor of a topic this node creates; negative takes the
     *                          cluster's default
     * @param clock             the time the verdicts carry
     */
    public InternalTopicCheck(KafkaTopicAdmin topicAdmin, short replicationFactor, Clock clock) {
        this.topicAdmin = topicAdmin;
        this.replicationFactor = replicationFactor;
        this.clock = clock;
    }

    /**
     * Checks the topic, creating it first (compacted, one partition) if it is missing; an existing
     * topic is never altered. The verdict is {@link TopicVerdict.Outcome#FIT}, {@link TopicVerdict.Outcome#UNFIT}
     * with every problem found, or {@link TopicVerdict.Outcome#UNVERIFIED} when this node may not
     * describe the topic or Kafka does not tell its cleanup policy; never {@link TopicVerdict.Outcome#UNCHECKED}.
     *
     * @throws KafkaAdminException if Kafka did not answer or refused for another reason than a right
     *                             this node lacks; the check is to be made again later
     */
    public TopicVerdict ensure(InternalTopic topic) {
        Optional<TopicDetails> existing;
        try {
            existing = topicAdmin.describeTopic(topic.name());
        } catch (KafkaAdminException e) {
            if (!"KAFKA_NOT_AUTHORIZED".equals(e.errorCode())) {
                throw e;
            }
            return unverified(topic, e);
        }
        if (existing.isEmpty()) {
            try {
                topicAdmin.createTopic(topic.name(), 1, replicationFactor,
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
                LOG.info("Created topic {} for {}: compacted, one partition", topic.name(), topic.contents());
                return new TopicVerdict(topic.name(), TopicVerdict.Outcome.FIT, null, clock.instant());
            } catch (KafkaAdminException e) {
                if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                    throw e;
                }
                // Another node, or Kafka's automatic creation, was first: judge what it created.
                existing = topicAdmin.describeTopic(topic.name());
                if (existing.isEmpty()) {
                    throw new KafkaAdminException("KAFKA_ERROR", "topic " + topic.name()
                            + " exists according to Kafka, yet cannot be described", e);
                }
            }
        }
        return judge(topic, existing.get());
    }

    private TopicVerdict judge(InternalTopic topic, TopicDetails details) {
        List<String> problems = new ArrayList<>();
        String policy = details.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null) {
            return new TopicVerdict(topic.name(), TopicVerdict.Outcome.UNVERIFIED, "Kafka did not tell the "
                    + "cleanup.policy of topic " + topic.name() + "; it is used unchecked", clock.instant());
        }
        if (!policies(policy).equals(Set.of(TopicConfig.CLEANUP_POLICY_COMPACT))) {
            problems.add(policyProblem(topic, policy, details));
        }
        if (topic.singlePartition() && details.partitions() != 1) {
            problems.add(partitionsProblem(topic, details.partitions()));
        }
        if (problems.isEmpty()) {
            return TopicVerdict.fit(topic.name(), clock.instant());
        }
        return new TopicVerdict(topic.name(), TopicVerdict.Outcome.UNFIT, String.join(" Also, ", problems)
                + " Until then " + topic.whileUnfit() + ".", clock.instant());
    }

    private static Set<String> policies(String policy) {
        return Arrays.stream(policy.split(",")).map(p -> p.trim().toLowerCase(Locale.ROOT))
                .filter(p -> !p.isEmpty()).collect(Collectors.toSet());
    }

    private static String policyProblem(InternalTopic topic, String policy, TopicDetails details) {
        String consequence = policies(policy).contains(TopicConfig.CLEANUP_POLICY_DELETE)
                ? "Kafka would delete " + topic.contents() + " by age or size (retention.ms="
                        + details.configs().getOrDefault(TopicConfig.RETENTION_MS_CONFIG, "?") + ", retention.bytes="
                        + details.configs().getOrDefault(TopicConfig.RETENTION_BYTES_CONFIG, "?")
                        + "), and what a node reads back from it would be incomplete"
                : "it must be compact alone";
        return "Topic " + topic.name() + " has cleanup.policy=" + policy + ": " + consequence + ". Make it "
                + "compacted (kafka-configs.sh --alter --entity-type topics --entity-name " + topic.name()
                + " --add-config cleanup.policy=compact keeps its records), or set " + topic.setting() + " in "
                + topic.pid() + " to another topic (a missing one is created compacted).";
    }

    private static String partitionsProblem(InternalTopic topic, int partitions) {
        return "Topic " + topic.name() + " has " + partitions + " partitions: it must have exactly one, so that "
                + "every node applies the writes to " + topic.contents() + " in the same order. Kafka cannot "
                + "remove partitions: save what it holds (kafka-console-consumer.sh) and delete it "
                + "(kafka-topics.sh --delete); a node creates it again, empty, with one partition. Or set "
                + topic.setting() + " in " + topic.pid() + " to another topic.";
    }

    private TopicVerdict unverified(InternalTopic topic, KafkaAdminException e) {
        return new TopicVerdict(topic.name(), TopicVerdict.Outcome.UNVERIFIED, "cannot check topic " + topic.name()
                + ": " + e.getMessage() + "; it is used unchecked. Grant the platform's Kafka user Describe and "
                + "DescribeConfigs on it so that a topic which would lose " + topic.contents() + " is caught",
                clock.instant());
    }
}
