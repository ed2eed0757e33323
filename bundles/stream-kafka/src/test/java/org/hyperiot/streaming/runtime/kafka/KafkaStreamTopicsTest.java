package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.kafka.support.InMemoryTopicAdmin;
import org.junit.jupiter.api.Test;

/**
 * The internal topics a stream needs before it runs: the repartition topic created uncompacted and
 * unlimited, its width kept once it exists, and the changelog as wide as the tasks that keep state.
 */
class KafkaStreamTopicsTest {

    private static final String TOPIC = "hyperiot-stream-s-repartition";
    private final InMemoryTopicAdmin cluster = new InMemoryTopicAdmin();
    private final KafkaStreamTopics topics = new KafkaStreamTopics(cluster);

    @Test
    void aNewRepartitionTopicKeepsEveryRecordUntilTheStreamDeletesIt() {
        assertThat(topics.ensureRepartition(TOPIC, 4, false)).isEqualTo(4);

        Map<String, String> configs = cluster.topic(TOPIC).orElseThrow().configs();
        assertThat(configs).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1")
                .containsEntry("message.timestamp.type", "CreateTime");
        assertThat(cluster.topic(TOPIC).orElseThrow().partitions()).isEqualTo(4);
    }

    @Test
    void anExistingTopicKeepsItsWidthUnlessTheDefinitionAsksForAnother() {
        cluster.existing(TOPIC, 3, Map.of());

        assertThat(topics.ensureRepartition(TOPIC, 6, false)).isEqualTo(3);
        assertThat(topics.ensureRepartition(TOPIC, 3, true)).isEqualTo(3);
        assertThatThrownBy(() -> topics.ensureRepartition(TOPIC, 6, true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 3 partitions but the keyBy asks for 6").hasMessageContaining("purgeState=true");
    }

    @Test
    void aCompactedRepartitionTopicIsRefused() {
        cluster.existing(TOPIC, 3, Map.of("cleanup.policy", "compact"));

        assertThatThrownBy(() -> topics.ensureRepartition(TOPIC, 3, false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cleanup.policy=compact");
    }

    @Test
    void aStreamThatRepartitionsGetsItsRepartitionTopicAsWideAsItsWidestSourceAndAChangelogAsWide() {
        cluster.existing("a", 2, Map.of());
        cluster.existing("b", 5, Map.of());

        StreamLayout layout = topics.prepare(definition("{\"op\":\"keyBy\",\"field\":\"site\"},"));

        assertThat(layout.repartitionTopic()).isEqualTo(TOPIC);
        assertThat(layout.repartitionPartitions()).isEqualTo(5);
        assertThat(layout.sourcePartitions()).containsExactly(Map.entry("a", 2), Map.entry("b", 5));
        assertThat(cluster.topic(TOPIC).orElseThrow().partitions()).isEqualTo(5);
        assertThat(cluster.topic("hyperiot-stream-s-changelog").orElseThrow().partitions()).isEqualTo(5);
    }

    @Test
    void theKeyByDecidesTheRepartitionWidthAndTheChangelogFollowsIt() {
        cluster.existing("a", 2, Map.of());
        cluster.existing("b", 5, Map.of());

        StreamLayout layout = topics.prepare(definition("{\"op\":\"keyBy\",\"field\":\"site\",\"partitions\":8},"));

        assertThat(layout.repartitionPartitions()).isEqualTo(8);
        assertThat(cluster.topic("hyperiot-stream-s-changelog").orElseThrow().partitions()).isEqualTo(8);
    }

    @Test
    void aStreamWithoutKeyByHasNoRepartitionAndAChangelogAsWideAsItsWidestSource() {
        cluster.existing("a", 2, Map.of());
        cluster.existing("b", 5, Map.of());

        StreamLayout layout = topics.prepare(definition(""));

        assertThat(layout.repartitions()).isFalse();
        assertThat(cluster.topic(TOPIC)).isEmpty();
        assertThat(cluster.topic("hyperiot-stream-s-changelog").orElseThrow().partitions()).isEqualTo(5);
    }

    @Test
    void aMissingSourceTopicIsNamedAndNothingIsCreated() {
        cluster.existing("a", 2, Map.of());

        assertThatThrownBy(() -> topics.prepare(definition("{\"op\":\"keyBy\",\"field\":\"site\"},")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("source topic b does not exist yet");
        assertThat(cluster.topic(TOPIC)).isEmpty();
        assertThat(cluster.topic("hyperiot-stream-s-changelog")).isEmpty();
    }

    private static StreamDefinition definition(String beforeWindow) {
        return new StreamDefinitionReader().read("{\"name\":\"s\",\"source\":{\"topics\":[\"a\",\"b\"]},"
                + "\"pipeline\":[" + beforeWindow + "{\"op\":\"window\",\"type\":\"count\",\"size\":5,"
                + "\"aggregate\":[{\"fn\":\"count\",\"as\":\"n\"}]}],\"sink\":{\"topic\":\"out\"}}");
    }
}
