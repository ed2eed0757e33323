package org.hyperiot.streaming.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.hyperiot.streaming.runtime.internal.store.TopicVerdict.Outcome;
import org.junit.jupiter.api.Test;

/** The check of the runtime's internal topics against a cluster held in memory. */
class InternalTopicCheckTest {

    private static final InternalTopic DEFINITIONS = InternalTopic.definitions("defs");
    private static final InternalTopic STATUS = InternalTopic.status("status");

    private final InMemoryTopicAdmin cluster = new InMemoryTopicAdmin();
    private final InternalTopicCheck check = new InternalTopicCheck(cluster, (short) 3, Clock.systemUTC());

    @Test
    void aMissingTopicIsCreatedCompactedWithOnePartition() {
        TopicVerdict verdict = check.ensure(DEFINITIONS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.FIT);
        TopicDetails created = cluster.topic("defs").orElseThrow();
        assertThat(created.partitions()).isEqualTo(1);
        assertThat(created.replicationFactor()).isEqualTo(3);
        assertThat(created.configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void aTopicWithTheDeletePolicyIsUnfitSaysWhatWouldBeLostAndHowToFixItAndIsLeftAsItIs() {
        // Issue 15: Kafka created the topic again on its own, with the broker's defaults.
        cluster.existing("defs", 1, Map.of());

        TopicVerdict verdict = check.ensure(DEFINITIONS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(verdict.usable()).isFalse();
        assertThat(verdict.reason())
                .contains("Topic defs has cleanup.policy=delete")
                .contains("Kafka would delete the stream definitions")
                .contains("retention.ms=604800000")
                .contains("--add-config cleanup.policy=compact")
                .contains("set definitions.topic in org.hyperiot.streaming.runtime")
                .contains("this node runs no streams");
        assertThat(cluster.topic("defs").orElseThrow().configs()).containsEntry("cleanup.policy", "delete");
        assertThat(cluster.requests()).containsExactly("describe defs");
    }

    @Test
    void compactAndDeleteTogetherIsUnfitToo() {
        cluster.existing("defs", 1, Map.of("cleanup.policy", "compact,delete"));

        TopicVerdict verdict = check.ensure(DEFINITIONS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(verdict.reason()).contains("cleanup.policy=compact,delete");
    }

    @Test
    void aDefinitionsTopicWithMorePartitionsThanOneIsUnfit() {
        cluster.existing("defs", 3, Map.of("cleanup.policy", "compact"));

        TopicVerdict verdict = check.ensure(DEFINITIONS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(verdict.reason()).contains("Topic defs has 3 partitions: it must have exactly one")
                .doesNotContain("cleanup.policy=");
    }

    @Test
    void bothProblemsOfOneTopicAreTold() {
        cluster.existing("defs", 2, Map.of());

        assertThat(check.ensure(DEFINITIONS).reason()).contains("cleanup.policy=delete").contains("has 2 partitions");
    }

    @Test
    void aStatusTopicMayHaveMorePartitionsSinceOnlyTheFirstIsUsedButMustBeCompacted() {
        cluster.existing("status", 3, Map.of("cleanup.policy", "compact"));
        assertThat(check.ensure(STATUS).outcome()).isEqualTo(Outcome.FIT);

        cluster.alter("status", "cleanup.policy", "delete");
        TopicVerdict verdict = check.ensure(STATUS);
        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(verdict.reason()).contains("the nodes' status reports").contains("status.topic");
    }

    @Test
    void aRightTopicIsFitAndUntouched() {
        cluster.existing("defs", 1, Map.of("cleanup.policy", "compact"));

        assertThat(check.ensure(DEFINITIONS).outcome()).isEqualTo(Outcome.FIT);
        assertThat(cluster.requests()).containsExactly("describe defs");
    }

    @Test
    void aTopicAnotherNodeCreatedMeanwhileIsJudgedAsItIs() {
        // Described as missing, then created by someone else before this node's request arrives.
        InMemoryTopicAdmin racing = new InMemoryTopicAdmin() {
            @Override
            public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
                existing(name, 1, Map.of());
                super.createTopic(name, partitions, replicationFactor, configs);
            }
        };

        TopicVerdict verdict = new InternalTopicCheck(racing, (short) -1, Clock.systemUTC()).ensure(DEFINITIONS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(racing.requests()).containsExactly("describe defs", "create defs", "describe defs");
    }

    @Test
    void withoutTheRightToDescribeTheTopicItIsUsedUncheckedWithAWarning() {
        cluster.existing("defs", 1, Map.of());
        cluster.failures.add(new KafkaAdminException("KAFKA_NOT_AUTHORIZED", "Kafka refused to describe topic defs: "
                + "Topic authorization failed.", null));

        TopicVerdict verdict = check.ensure(DEFINITIONS);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNVERIFIED);
        assertThat(verdict.usable()).isTrue();
        assertThat(verdict.reason()).contains("DescribeConfigs");
    }
}
