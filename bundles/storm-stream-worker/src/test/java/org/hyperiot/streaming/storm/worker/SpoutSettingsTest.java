package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

class SpoutSettingsTest {

    private static SpoutSettings settings(String stream, List<String> topics, String startFrom, String guarantee,
                                          int recordsPerTuple, int maxPollRecords) {
        return new SpoutSettings(stream, topics, startFrom, guarantee, recordsPerTuple, maxPollRecords);
    }

    @Test
    void theConsumerUsesTheStreamsGroupAndItsOwnSettingsWinOverTheClientProperties() {
        SpoutSettings settings = settings("site.temp", List.of("a", "b"), "latest", "exactly-once", 1, 300);

        Map<String, Object> config = settings.consumerConfig(3, Map.of(
                "bootstrap.servers", "k:9092",
                "enable.auto.commit", "true",
                "isolation.level", "read_uncommitted",
                "group.id", "someone-else"));

        assertThat(config).containsOnly(
                Map.entry("bootstrap.servers", "k:9092"),
                Map.entry("group.id", "hyperiot-stream-site.temp"),
                Map.entry("client.id", "hyperiot-stream-site.temp-spout-3"),
                Map.entry("enable.auto.commit", "false"),
                Map.entry("isolation.level", "read_committed"),
                Map.entry("auto.offset.reset", "latest"),
                Map.entry("max.poll.records", "300"),
                Map.entry("allow.auto.create.topics", "false"),
                Map.entry("metadata.max.age.ms", "30000"),
                Map.entry("key.deserializer", ByteArrayDeserializer.class.getName()),
                Map.entry("value.deserializer", ByteArrayDeserializer.class.getName()));
    }

    @Test
    void theClientPropertiesMayChangeHowOftenMetadataIsRefreshed() {
        SpoutSettings settings = settings("s", List.of("a"), "earliest", "at-least-once", 1, 500);

        assertThat(settings.consumerConfig(0, Map.of("metadata.max.age.ms", "10000")))
                .containsEntry("metadata.max.age.ms", "10000");
    }

    @Test
    void settingsTheSpoutCouldNotRunWithAreRefused() {
        List<String> topics = List.of("a");
        assertThat(settings("s", topics, "earliest", "at-least-once", 1, 1).topics()).containsExactly("a");

        assertThatThrownBy(() -> settings("S!", topics, "earliest", "at-least-once", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("s", List.of(), "earliest", "at-least-once", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("s", List.of("a", "a"), "earliest", "at-least-once", 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> settings("s", List.of(" "), "earliest", "at-least-once", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("s", topics, "none", "at-least-once", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("s", topics, "earliest", "AT_LEAST_ONCE", 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("s", topics, "earliest", "at-least-once", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> settings("s", topics, "earliest", "at-least-once", 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
