package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    @Test
    void credentialsUnderThePrefixOverlayTheConfigurationsClientProperties() {
        Map<String, Object> conf = Map.of(
                "topology.workers", 2L,
                KafkaClientSettings.CLIENTS, Map.of(
                        "bootstrap.servers", "kafka-1:9092",
                        "security.protocol", "SASL_SSL",
                        "sasl.jaas.config", "a placeholder"));
        Map<String, String> credentials = Map.of(
                "stream.kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;",
                "stream.kafka.ssl.truststore.password", "secret",
                "hadoop.token", "not ours",
                "stream.kafka.", "no name");

        Map<String, Object> settings = KafkaClientSettings.of(conf, credentials);

        assertThat(settings).containsOnly(
                Map.entry("bootstrap.servers", "kafka-1:9092"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"),
                Map.entry("ssl.truststore.password", "secret"));
    }

    @Test
    void valuesComeOutAsTheStringsKafkaParsesForAnyType() {
        // Storm hands the configuration back from JSON: an int setting arrives as a Long, a list as a List.
        Map<String, Object> conf = Map.of(KafkaClientSettings.CLIENTS, Map.of(
                "request.timeout.ms", 15_000L,
                "bootstrap.servers", List.of("kafka-1:9092", "kafka-2:9092"),
                "check.crcs", true));

        assertThat(KafkaClientSettings.of(conf, null)).containsOnly(
                Map.entry("request.timeout.ms", "15000"),
                Map.entry("bootstrap.servers", "kafka-1:9092,kafka-2:9092"),
                Map.entry("check.crcs", "true"));
    }

    @Test
    void noClientPropertiesGiveCredentialsAloneAndAnythingButAMapIsRefused() {
        assertThat(KafkaClientSettings.of(Map.of(), Map.of("stream.kafka.bootstrap.servers", "k:9092")))
                .containsOnly(Map.entry("bootstrap.servers", "k:9092"));
        assertThat(KafkaClientSettings.of(null, null)).isEmpty();
        assertThatThrownBy(() -> KafkaClientSettings.of(Map.of(KafkaClientSettings.CLIENTS, "bootstrap.servers=k:9092"), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KafkaClientSettings.of(Map.of(KafkaClientSettings.CLIENTS, Map.of("x", Map.of())), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eachKindOfClientGetsTheCommonPropertiesAndItsOwnOnly() {
        Map<String, Object> settings = KafkaClientSettings.of(Map.of(KafkaClientSettings.CLIENTS, Map.of(
                "bootstrap.servers", "kafka:9092", "client.dns.lookup", "use_all_dns_ips",
                "producer.compression.type", "lz4", "producer.client.dns.lookup", "resolve_canonical_bootstrap_servers_only",
                "consumer.fetch.min.bytes", 1024, "admin.metadata.recovery.strategy", "none")),
                Map.of("stream.kafka.producer.ssl.key.password", "k"));

        assertThat(KafkaClientSettings.producer(settings)).isEqualTo(Map.of("bootstrap.servers", "kafka:9092",
                "client.dns.lookup", "resolve_canonical_bootstrap_servers_only", "compression.type", "lz4",
                "ssl.key.password", "k"));
        assertThat(KafkaClientSettings.consumer(settings)).isEqualTo(Map.of("bootstrap.servers", "kafka:9092",
                "client.dns.lookup", "use_all_dns_ips", "fetch.min.bytes", "1024"));
        assertThat(KafkaClientSettings.admin(settings)).isEqualTo(Map.of("bootstrap.servers", "kafka:9092",
                "client.dns.lookup", "use_all_dns_ips", "metadata.recovery.strategy", "none"));
    }
}
