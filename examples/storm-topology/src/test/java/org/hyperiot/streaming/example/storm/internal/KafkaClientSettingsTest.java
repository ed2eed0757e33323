package org.hyperiot.streaming.example.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    @Test
    void secretsAreKeptApartAndOnlyMergedBackOnTheWorker() {
        Map<String, String> secrets = new HashMap<>();
        KafkaClientSettings settings = KafkaClientSettings.from("127.0.0.1:9092", Map.of(
                "kafka.security.protocol", "SASL_PLAINTEXT",
                "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.jaas.config", "PlainLoginModule required username=\"u\" password=\"p\";",
                "kafka.ssl.truststore.password", "tp",
                "kafka.ssl.key.password", "kp",
                "threshold", 30.0,
                "kafka.", "ignored"), secrets);

        assertThat(settings.shown()).containsOnly(
                Map.entry("bootstrap.servers", "127.0.0.1:9092"),
                Map.entry("security.protocol", "SASL_PLAINTEXT"),
                Map.entry("sasl.mechanism", "PLAIN"));
        assertThat(secrets).containsOnlyKeys("kafka.sasl.jaas.config", "kafka.ssl.truststore.password", "kafka.ssl.key.password");

        Properties merged = settings.withCredentials(Map.of("kafka.sasl.jaas.config", "J", "other", "x"));
        assertThat(merged).containsEntry("sasl.jaas.config", "J").containsEntry("security.protocol", "SASL_PLAINTEXT")
                .doesNotContainKey("other");
        assertThat(settings.withCredentials(null)).hasSize(3);
    }
}
