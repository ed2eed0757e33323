package org.hyperiot.streaming.example.storm.internal;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How the spout and the writer reach Kafka, split in two: what may be shown to anyone who can read
 * the topology (bootstrap servers, protocol, timeouts) travels inside the serialised components; what
 * is secret (passwords, JAAS configurations, keys) travels as Storm credentials and is merged in on
 * the worker, in {@link #withCredentials(Map)}.
 */
final class KafkaClientSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Prefix of Kafka properties in the component configuration and in the credentials. */
    static final String PREFIX = "kafka.";

    private static final String[] SECRET_MARKERS = {"password", "jaas", "secret", "token", "ssl.key", "credentials"};

    private final TreeMap<String, String> shown;

    private KafkaClientSettings(TreeMap<String, String> shown) {
        this.shown = shown;
    }

    /**
     * Reads the {@code kafka.}-prefixed keys of a component configuration, plus the bootstrap servers.
     *
     * @return the settings that may be shown, and in {@code secrets} (filled here) the credentials to
     *         give Storm, under their {@code kafka.} keys
     */
    static KafkaClientSettings from(String bootstrapServers, Map<String, ?> configuration, Map<String, String> secrets) {
        TreeMap<String, String> shown = new TreeMap<>();
        shown.put("bootstrap.servers", bootstrapServers);
        configuration.forEach((key, value) -> {
            if (key.startsWith(PREFIX) && key.length() > PREFIX.length() && value != null) {
                String property = key.substring(PREFIX.length());
                if (isSecret(property)) {
                    secrets.put(key, value.toString());
                } else {
                    shown.put(property, value.toString());
                }
            }
        });
        return new KafkaClientSettings(shown);
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

    /** The client properties with the secrets found in Storm's {@code credentials} added. */
    Properties withCredentials(Map<String, String> credentials) {
        Properties properties = new Properties();
        properties.putAll(shown);
        if (credentials != null) {
            credentials.forEach((key, value) -> {
                if (key.startsWith(PREFIX)) {
                    properties.put(key.substring(PREFIX.length()), value);
                }
            });
        }
        return properties;
    }

    Map<String, String> shown() {
        return Map.copyOf(shown);
    }

    String bootstrapServers() {
        return shown.get("bootstrap.servers");
    }
}
