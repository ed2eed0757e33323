package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TopicConfigAllowlistTest {

    @Test
    void everyBoundaryValueOfEveryAcceptedKeyPasses() {
        assertThat(TopicConfigAllowlist.boundaryValues().keySet()).isEqualTo(TopicConfigAllowlist.names());
        TopicConfigAllowlist.boundaryValues().forEach((key, values) -> values.forEach(value ->
                assertThat(TopicConfigAllowlist.refusal(key, value)).as(key + "=" + value).isNull()));
    }

    @Test
    void everyTopicConfigurationOfTheKafkaClientIsEitherAcceptedOrRefusedWithAReason() {
        List<String> unreviewed = new ArrayList<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getName().endsWith("_CONFIG")) {
                String key;
                try {
                    key = (String) field.get(null);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
                if (!TopicConfigAllowlist.names().contains(key) && !TopicConfigAllowlist.refusedNames().containsKey(key)) {
                    unreviewed.add(key);
                }
            }
        }
        assertThat(unreviewed).as("keys a new Kafka client added: accept them with a range, or refuse them").isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // The values of issue 15 that stopped partitions from loading or put records at risk.
            "segment.index.bytes|4|cannot be set through the API",
            "flush.messages|1|cannot be set through the API",
            "segment.ms|1|at least 3600000",
            "max.message.bytes|2147483647|1024 to 8388608",
            "unclean.leader.election.enable|true|loses acknowledged records",
            // Just beyond each range, and values of the wrong type.
            "segment.bytes|1048575|1048576 (1 MiB) to 1073741824",
            "segment.bytes|1073741825|1048576 (1 MiB) to 1073741824",
            "retention.ms|59999|at least 60000",
            "retention.ms|-2|at least 60000",
            "retention.ms|1e9|an integer",
            "retention.ms|+5|an integer",
            "retention.ms|99999999999999999999|an integer",
            "retention.bytes|1048575|at least 1048576",
            "max.compaction.lag.ms|59999|at least 60000",
            "min.cleanable.dirty.ratio|0|0.01 to 1",
            "min.cleanable.dirty.ratio|1.5|0.01 to 1",
            "min.cleanable.dirty.ratio|NaN|0.01 to 1",
            "compression.gzip.level|0|-1 (zlib's default) or 1 to 9",
            "compression.lz4.level|18|1 to 17",
            "compression.type|brotli|one of",
            "cleanup.policy|compact,compact|comma-separated list",
            "cleanup.policy|none|comma-separated list",
            "message.timestamp.type|Now|one of",
            "min.insync.replicas|0|1 to 32",
            "preallocate|true|fill the broker's disk",
            "remote.storage.enable|true|tiered storage",
    })
    void valuesOutsideTheirRangeAndDangerousKeysAreRefusedWithTheReason(String name, String value, String reason) {
        assertThat(TopicConfigAllowlist.refusal(name, value)).contains(reason);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sasl.jaas.config|com.sun.security.auth.module.JndiLoginModule required;|not a topic configuration",
            "config.providers|file|not a topic configuration",
            "ssl.truststore.location|/etc/passwd|not a topic configuration",
            "retention.ms|${file:/etc/passwd:x}|references",
            "cleanup.policy|'compact\u0000'|control characters",
    })
    void propertiesThatAreNoTopicConfigurationOrNotPlainAreRefused(String name, String value, String reason) {
        assertThat(TopicConfigAllowlist.refusal(name, value)).contains(reason);
    }

    @Test
    void valuesAreBounded() {
        assertThat(TopicConfigAllowlist.refusal("retention.ms", "1".repeat(1025))).contains("at most 1024");
        assertThat(TopicConfigAllowlist.refusal("retention.ms", null)).isEqualTo("a value is required");
    }
}
