package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientPropertiesTest {

    private final Map<String, Object> configuration = new HashMap<>(Map.of(
            "bootstrap.servers", " broker-1:9092,broker-2:9092 ",
            "kafka.all.security.protocol", "SASL_SSL",
            "kafka.all.client.dns.lookup", "use_all_dns_ips",
            "kafka.producer.acks", "all",
            "kafka.producer.security.protocol", "SSL",
            "kafka.consumer.isolation.level", "read_committed",
            "kafka.admin.request.timeout.ms", "5000",
            "service.pid", "org.hyperiot.streaming.kafka",
            "felix.fileinstall.filename", "file:/somewhere/org.hyperiot.streaming.kafka.cfg"));

    @Test
    void eachClientGetsBootstrapServersAllPrefixAndItsOwnPrefix() {
        KafkaClientProperties properties = new KafkaClientProperties(configuration);

        assertThat(properties.forClient(KafkaClientType.CONSUMER, Map.of())).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "broker-1:9092,broker-2:9092",
                "security.protocol", "SASL_SSL",
                "client.dns.lookup", "use_all_dns_ips",
                "isolation.level", "read_committed"));
        assertThat(properties.forClient(KafkaClientType.ADMIN, Map.of()))
                .containsEntry("request.timeout.ms", "5000")
                .doesNotContainKeys("acks", "isolation.level");
    }

    @Test
    void typePrefixBeatsAllPrefixAndOverridesBeatBoth() {
        KafkaClientProperties properties = new KafkaClientProperties(configuration);

        assertThat(properties.forClient(KafkaClientType.PRODUCER, Map.of()))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("acks", "all");
        assertThat(properties.forClient(KafkaClientType.PRODUCER, Map.of("acks", "1")))
                .containsEntry("acks", "1");
    }

    @Test
    void privatePrefixesCarrySecretsAndWinOverTheirPublicTwin() {
        configuration.put(".kafka.all.sasl.jaas.config", "secret");
        configuration.put("kafka.producer.sasl.jaas.config", "public");
        configuration.put(".kafka.producer.sasl.jaas.config", "private");
        KafkaClientProperties properties = new KafkaClientProperties(configuration);

        assertThat(properties.forClient(KafkaClientType.CONSUMER, null)).containsEntry("sasl.jaas.config", "secret");
        assertThat(properties.forClient(KafkaClientType.PRODUCER, null)).containsEntry("sasl.jaas.config", "private");
    }

    @Test
    void adminClientsDoNotRebootstrapUnlessConfiguredTo() {
        assertThat(new KafkaClientProperties(configuration).forClient(KafkaClientType.ADMIN, null))
                .containsEntry("metadata.recovery.strategy", "none");
        assertThat(new KafkaClientProperties(configuration).forClient(KafkaClientType.CONSUMER, null))
                .doesNotContainKey("metadata.recovery.strategy");

        configuration.put("kafka.admin.metadata.recovery.strategy", "rebootstrap");
        assertThat(new KafkaClientProperties(configuration).forClient(KafkaClientType.ADMIN, null))
                .containsEntry("metadata.recovery.strategy", "rebootstrap");
    }

    @Test
    void aNullOverrideRemovesTheProperty() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put("acks", null);

        assertThat(new KafkaClientProperties(configuration).forClient(KafkaClientType.PRODUCER, overrides))
                .doesNotContainKey("acks");
    }

    @Test
    void frameworkKeysAndBarePrefixesNeverReachKafka() {
        configuration.put("kafka.all.", "ignored");

        assertThat(new KafkaClientProperties(configuration).forClient(KafkaClientType.PRODUCER, null))
                .doesNotContainKeys("service.pid", "felix.fileinstall.filename", "");
    }

    @Test
    void missingBootstrapServersIsAClearError() {
        configuration.put("bootstrap.servers", " ");

        assertThatThrownBy(() -> new KafkaClientProperties(configuration))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
    }

    @Test
    void layerAndNodeIdMustBeUsableInTopicNames() {
        assertThat(KafkaClientProperties.requireName("node.id", "node-7")).isEqualTo("node-7");
        assertThatThrownBy(() -> KafkaClientProperties.requireName("layer", "../etc"))
                .hasMessageContaining("layer");
        assertThatThrownBy(() -> KafkaClientProperties.requireName("node.id", ""))
                .hasMessageContaining("node.id");
    }
}
