package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicConfigAllowlistTest {

    @Test
    void kafkaTopicSettingsPass() {
        assertThat(TopicConfigAllowlist.refusal("cleanup.policy", "compact")).isNull();
        assertThat(TopicConfigAllowlist.refusal("retention.ms", "86400000")).isNull();
        assertThat(TopicConfigAllowlist.names()).contains("min.insync.replicas", "max.message.bytes")
                .doesNotContain("sasl.jaas.config");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sasl.jaas.config|com.sun.security.auth.module.JndiLoginModule required;|not a Kafka topic configuration",
            "config.providers|file|not a Kafka topic configuration",
            "ssl.truststore.location|/etc/passwd|not a Kafka topic configuration",
            "retention.ms|${file:/etc/passwd:x}|references",
            "cleanup.policy|'compact\u0000'|control characters",
    })
    void dangerousPropertiesAreRefusedWithTheReason(String name, String value, String reason) {
        assertThat(TopicConfigAllowlist.refusal(name, value)).contains(reason);
    }

    @Test
    void valuesAreBounded() {
        assertThat(TopicConfigAllowlist.refusal("retention.ms", "1".repeat(1025))).contains("at most 1024");
        assertThat(TopicConfigAllowlist.refusal("retention.ms", null)).isEqualTo("a value is required");
    }
}
