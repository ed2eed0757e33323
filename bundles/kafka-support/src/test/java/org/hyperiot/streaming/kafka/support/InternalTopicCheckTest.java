package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.hyperiot.streaming.kafka.support.TopicVerdict.Outcome;
import org.junit.jupiter.api.Test;

/** The check of internal topics against a cluster held in memory, on topics declared as the stream runtime's. */
class InternalTopicCheckTest {

    private static final String RUNTIME = "org.hyperiot.streaming.runtime";
    private static final String NO_STREAMS = "this node runs no streams and refuses stream requests";
    private static final InternalTopic DEFINITIONS = new InternalTopic("defs", "the stream definitions", RUNTIME,
            "definitions.topic", true, NO_STREAMS);
    private static final InternalTopic STATUS = new InternalTopic("status", "the nodes' status reports", RUNTIME,
            "status.topic", false, NO_STREAMS);

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
    void theReasonNamesTheSettingAndPidOfTheTopicsOwnerAndWhatItDoesMeanwhile() {
        InternalTopic sagas = new InternalTopic("hyperiot-saga-definitions", "the saga definitions",
                "org.hyperiot.streaming.saga", "definitions.topic", true,
                "this node starts no sagas and refuses saga requests");
        cluster.existing("hyperiot-saga-definitions", 2, Map.of());

        TopicVerdict verdict = check.ensure(sagas);

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(verdict.reason())
                .contains("Kafka would delete the saga definitions")
                .contains("set definitions.topic in org.hyperiot.streaming.saga to another topic (a missing one")
                .contains("applies the writes to the saga definitions in the same order")
                .contains("Or set definitions.topic in org.hyperiot.streaming.saga to another topic.")
                .endsWith(" Until then this node starts no sagas and refuses saga requests.")
                .doesNotContain("org.hyperiot.streaming.runtime").doesNotContain("no streams");
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
