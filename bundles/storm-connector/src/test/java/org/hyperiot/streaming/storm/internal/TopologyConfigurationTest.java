package org.hyperiot.streaming.storm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.storm.utils.Utils;
import org.hyperiot.streaming.api.storm.StormException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopologyConfigurationTest {

    @Test
    void submitsOnlyTheOwnKeysWithNameOwnerAndFingerprint() {
        Map<String, Object> submitted = TopologyConfiguration.submitted("t", Map.of("topology.workers", 2,
                "app.topic", "telemetry"), "bundle:b", "f00");
        assertThat(submitted).containsOnlyKeys("topology.workers", "app.topic", "topology.name",
                TopologyConfiguration.OWNER_KEY, TopologyConfiguration.FINGERPRINT_KEY);
        assertThat(submitted).containsEntry("topology.name", "t").containsEntry(TopologyConfiguration.OWNER_KEY, "bundle:b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.sasl.jaas.config", "db.password", "app.Secret", "kafka.ssl.keystore.password",
            "api.token", "aws.access.key"})
    void refusesKeysThatLookLikeSecrets(String key) {
        assertThatThrownBy(() -> TopologyConfiguration.check(Map.of(key, "x")))
                .isInstanceOfSatisfying(StormException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(StormException.INVALID_TOPOLOGY);
                    assertThat(e.getMessage()).contains(key).contains("credentials()").doesNotContain("'x'");
                });
    }

    @Test
    void refusesSecretsNestedInMapsAndJaasValues() {
        assertThatThrownBy(() -> TopologyConfiguration.check(Map.of("kafka.properties",
                Map.of("bootstrap.servers", "127.0.0.1:9092", "sasl.jaas.config", "x"))))
                .hasMessageContaining("kafka.properties.sasl.jaas.config");
        assertThatThrownBy(() -> TopologyConfiguration.check(Map.of("kafka.login",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\";")))
                .hasMessageContaining("kafka.login");
    }

    @ParameterizedTest
    @ValueSource(strings = {"storm.zookeeper.servers", "nimbus.seeds", "supervisor.slots.ports",
            "storm.cluster.mode", "hyperiot.topology.owner", "topology.name"})
    void refusesDaemonAndReservedKeys(String key) {
        assertThatThrownBy(() -> TopologyConfiguration.check(Map.of(key, "x"))).isInstanceOf(StormException.class)
                .hasMessageContaining(key);
    }

    @Test
    void listsEveryProblemAtOnce() {
        Map<String, Object> wrong = new LinkedHashMap<>();
        wrong.put("nimbus.seeds", "x");
        wrong.put("db.password", "x");
        wrong.put("app.object", new Object());
        assertThatThrownBy(() -> TopologyConfiguration.check(wrong)).hasMessageContaining("nimbus.seeds")
                .hasMessageContaining("db.password").hasMessageContaining("app.object");
    }

    @Test
    void acceptsJsonValues() {
        TopologyConfiguration.check(Map.of("topology.workers", 2, "app.ratio", 0.5, "app.on", true,
                "app.topics", List.of("a", "b"), "app.map", Map.of("k", 1L)));
    }

    @Test
    void writesCanonicalJsonThatStormReadsBack() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", List.of(1, "two\n\"quoted\"", true));
        first.put("a", Map.of("z", 1.5, "y", "\u0001"));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", first.get("a"));
        second.put("b", first.get("b"));
        String json = TopologyConfiguration.toJson(first);
        assertThat(json).isEqualTo(TopologyConfiguration.toJson(second)).startsWith("{\"a\":");
        Map<String, Object> parsed = Utils.parseJson(json);
        // json-smart, as Nimbus uses it, reads small integers as Integer.
        assertThat(parsed.get("b")).isEqualTo(List.of(1, "two\n\"quoted\"", true));
        assertThat(parsed.get("a")).isEqualTo(Map.of("z", 1.5, "y", "\u0001"));
    }
}
