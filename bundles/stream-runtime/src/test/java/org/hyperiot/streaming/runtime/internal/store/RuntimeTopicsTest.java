package org.hyperiot.streaming.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;

import org.hyperiot.streaming.kafka.support.InMemoryTopicAdmin;
import org.hyperiot.streaming.kafka.support.InternalTopicCheck;
import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.kafka.support.TopicVerdict.Outcome;
import org.junit.jupiter.api.Test;

/** What an operator is told about the runtime's own topics, and which of them must have one partition. */
class RuntimeTopicsTest {

    private final InMemoryTopicAdmin cluster = new InMemoryTopicAdmin();
    private final InternalTopicCheck check = new InternalTopicCheck(cluster, (short) 1, Clock.systemUTC());

    @Test
    void anUnfitDefinitionsTopicNamesTheRuntimesSettingAndStopsTheStreams() {
        cluster.existing("defs", 2, Map.of());

        TopicVerdict verdict = check.ensure(RuntimeTopics.definitions("defs"));

        assertThat(verdict.outcome()).isEqualTo(Outcome.UNFIT);
        assertThat(verdict.reason())
                .startsWith("Topic defs has cleanup.policy=delete: Kafka would delete the stream definitions by age")
                .contains("or set definitions.topic in org.hyperiot.streaming.runtime to another topic (a missing one")
                .contains("every node applies the writes to the stream definitions in the same order")
                .endsWith("Or set definitions.topic in org.hyperiot.streaming.runtime to another topic. "
                        + "Until then this node runs no streams and refuses stream requests.");
    }

    @Test
    void theStatusTopicMayHaveMorePartitionsAndNamesItsOwnSetting() {
        cluster.existing("status", 3, Map.of("cleanup.policy", "compact"));
        assertThat(check.ensure(RuntimeTopics.status("status")).outcome()).isEqualTo(Outcome.FIT);

        cluster.existing("status", 3, Map.of());
        assertThat(check.ensure(RuntimeTopics.status("status")).reason())
                .contains("Kafka would delete the nodes' status reports")
                .contains("set status.topic in org.hyperiot.streaming.runtime")
                .endsWith("Until then this node runs no streams and refuses stream requests.");
    }
}
