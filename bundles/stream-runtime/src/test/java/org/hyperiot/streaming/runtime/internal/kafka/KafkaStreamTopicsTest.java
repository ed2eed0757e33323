package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.hyperiot.streaming.kafka.support.InMemoryTopicAdmin;
import org.junit.jupiter.api.Test;

/** The repartition topic: created uncompacted and unlimited, its width kept once it exists. */
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
}
