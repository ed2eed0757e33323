package org.hyperiot.streaming.storm.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Hashtable;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WorkerKafkaSettingsTest {

    @Test
    void secretsBecomeCredentialsAndTheRestIsShownWithTheConnectorsBootstrapServers() {
        Hashtable<String, Object> connector = new Hashtable<>();
        connector.put("bootstrap.servers", "127.0.0.1:9092");
        connector.put("kafka.all.security.protocol", "SASL_PLAINTEXT");
        connector.put("kafka.all.sasl.mechanism", "SCRAM-SHA-256");
        // Private, as the distribution writes the embedded broker's login.
        connector.put(".kafka.all.sasl.jaas.config", "ScramLoginModule required username=\"n\" password=\"p\";");
        connector.put("kafka.producer.linger.ms", "5");
        connector.put("kafka.producer.compression.type", "lz4");
        connector.put("kafka.consumer.fetch.min.bytes", "1024");
        connector.put("kafka.admin.metadata.recovery.strategy", "none");
        connector.put(".kafka.producer.ssl.key.password", "k");
        connector.put("node.id", "1");

        WorkerKafkaSettings settings = WorkerKafkaSettings.of(connector, "");

        // Each kind of client's own keys under its role's prefix, as the workers read them.
        assertThat(settings.shown()).isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092",
                "security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-256",
                "producer.linger.ms", "5", "producer.compression.type", "lz4", "consumer.fetch.min.bytes", "1024",
                "admin.metadata.recovery.strategy", "none"));
        assertThat(settings.credentials()).isEqualTo(Map.of("stream.kafka.sasl.jaas.config",
                "ScramLoginModule required username=\"n\" password=\"p\";",
                "stream.kafka.producer.ssl.key.password", "k"));
    }

    @Test
    void workersMayReachKafkaElsewhere() {
        Hashtable<String, Object> connector = new Hashtable<>();
        connector.put("bootstrap.servers", "127.0.0.1:9092");

        assertThat(WorkerKafkaSettings.of(connector, " kafka-1:9092 ").shown())
                .containsEntry("bootstrap.servers", "kafka-1:9092");
        assertThat(WorkerKafkaSettings.of(null, "").shown()).isEmpty();
    }
}
