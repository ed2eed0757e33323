package org.hyperiot.streaming.storm.streams.internal;

import java.util.Collections;
import java.util.Dictionary;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.hyperiot.streaming.storm.worker.KafkaClientSettings;

/**
 * The Kafka client properties of a stream's spout and bolt, from the Kafka connector's configuration
 * (PID {@value #KAFKA_CONNECTOR_PID}): its {@code bootstrap.servers}, its {@code kafka.all.} keys, and
 * its {@code kafka.producer.}, {@code kafka.consumer.} and {@code kafka.admin.} keys under the role
 * prefixes of {@link KafkaClientSettings} (so a bolt's producers compress as the connector's do), the
 * private ones too (a leading dot, as the distribution writes the embedded broker's login). What
 * may be shown travels in the topology configuration; what is secret (passwords, JAAS configurations,
 * keys, tokens) as Storm credentials, under {@link KafkaClientSettings#CREDENTIAL_PREFIX}.
 *
 * @param shown       properties anyone who can read the topology may see
 * @param credentials the secret ones, as Storm credentials
 */
record WorkerKafkaSettings(Map<String, String> shown, Map<String, String> credentials) {

    static final String KAFKA_CONNECTOR_PID = "org.hyperiot.streaming.kafka";

    private static final String ALL = "kafka.all.";
    /** The connector's prefixes and the workers' names for them: the common ones, then each role's. */
    private static final Map<String, String> PREFIXES = Map.of(ALL, "",
            "kafka.producer.", KafkaClientSettings.PRODUCER_PREFIX,
            "kafka.consumer.", KafkaClientSettings.CONSUMER_PREFIX,
            "kafka.admin.", KafkaClientSettings.ADMIN_PREFIX);
    private static final String[] SECRET_MARKERS = {"password", "jaas", "secret", "token", "ssl.key", "credentials"};

    WorkerKafkaSettings {
        shown = Collections.unmodifiableMap(new TreeMap<>(shown));
        credentials = Collections.unmodifiableMap(new TreeMap<>(credentials));
    }

    /**
     * @param connector         the Kafka connector's configuration, or {@code null} when it has none
     * @param bootstrapOverride the bootstrap servers as Storm's workers reach them, or empty for the connector's
     */
    static WorkerKafkaSettings of(Dictionary<String, Object> connector, String bootstrapOverride) {
        Map<String, String> shown = new TreeMap<>();
        Map<String, String> credentials = new TreeMap<>();
        if (connector != null) {
            for (String key : Collections.list(connector.keys())) {
                String plain = key.startsWith(".") ? key.substring(1) : key;
                Object value = connector.get(key);
                String prefix = PREFIXES.keySet().stream().filter(plain::startsWith).findFirst().orElse(null);
                if (value == null || prefix == null || plain.length() == prefix.length()) {
                    continue;
                }
                String property = PREFIXES.get(prefix) + plain.substring(prefix.length());
                if (isSecret(property)) {
                    credentials.put(KafkaClientSettings.CREDENTIAL_PREFIX + property, value.toString());
                } else {
                    shown.put(property, value.toString());
                }
            }
            Object servers = connector.get("bootstrap.servers");
            if (servers != null) {
                shown.put("bootstrap.servers", servers.toString());
            }
        }
        if (bootstrapOverride != null && !bootstrapOverride.isBlank()) {
            shown.put("bootstrap.servers", bootstrapOverride.trim());
        }
        return new WorkerKafkaSettings(shown, credentials);
    }

    static boolean isSecret(String property) {
        String lower = property.toLowerCase(Locale.ROOT);
        for (String marker : SECRET_MARKERS) {
            if (lower.contains(marker)) {
                return true;
            }
        }
        return false;
    }
}
