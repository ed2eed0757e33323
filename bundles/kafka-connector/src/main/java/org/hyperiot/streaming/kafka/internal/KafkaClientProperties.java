package org.hyperiot.streaming.kafka.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns the connector's configuration into the properties of one Kafka client. Later sources win:
 * the platform's defaults ({@link #ADMIN_DEFAULTS}), {@code bootstrap.servers}, then {@code kafka.all.*},
 * then the client type's prefix, then the caller's overrides.
 *
 * <p>Each prefix may also be written with a leading dot ({@code .kafka.all.sasl.jaas.config}): DS
 * keeps such private properties out of the connector's service properties, which is where secrets
 * belong. A private key wins over its public twin.
 */
final class KafkaClientProperties {

    static final String ALL_PREFIX = "kafka.all.";
    static final String BOOTSTRAP_SERVERS = "bootstrap.servers";

    /**
     * Admin clients do not re-bootstrap. With kafka-clients 4.4's default
     * ({@code metadata.recovery.strategy=rebootstrap}) an admin client whose bootstrap servers do not
     * answer re-bootstraps in a busy loop: thousands of "Rebootstrapping" lines and queued metadata
     * calls a second, and one "Metadata update failed … The AdminClient thread has exited" line per
     * queued call when it closes. Without it the client keeps retrying its bootstrap servers at
     * {@code reconnect.backoff.ms}, which is what a node waiting for its cluster needs; a cluster whose
     * brokers all move to new addresses is followed by a configuration change, which builds new
     * clients. {@code kafka.admin.metadata.recovery.strategy = rebootstrap} restores Kafka's default.
     */
    static final Map<String, String> ADMIN_DEFAULTS = Map.of("metadata.recovery.strategy", "none");

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    private final Map<String, Object> base;
    private final Map<KafkaClientType, Map<String, Object>> byType = new HashMap<>();

    /**
     * @param configuration the raw configuration dictionary (framework keys such as
     *                      {@code service.pid} are ignored because they carry no prefix)
     */
    KafkaClientProperties(Map<String, ?> configuration) {
        Object servers = configuration.get(BOOTSTRAP_SERVERS);
        if (servers == null || servers.toString().isBlank()) {
            throw new IllegalArgumentException("bootstrap.servers must name at least one broker");
        }
        base = new HashMap<>();
        base.put(BOOTSTRAP_SERVERS, servers.toString().trim());
        copyPrefixed(configuration, ALL_PREFIX, base);
        for (KafkaClientType type : KafkaClientType.values()) {
            Map<String, Object> properties = new HashMap<>();
            if (type == KafkaClientType.ADMIN) {
                properties.putAll(ADMIN_DEFAULTS);
            }
            properties.putAll(base);
            copyPrefixed(configuration, type.prefix, properties);
            byType.put(type, Map.copyOf(properties));
        }
    }

    /** The properties of a client of {@code type}, with {@code overrides} applied last. */
    Map<String, Object> forClient(KafkaClientType type, Map<String, ?> overrides) {
        Map<String, Object> properties = new HashMap<>(byType.get(type));
        if (overrides != null) {
            overrides.forEach((key, value) -> {
                if (value == null) {
                    properties.remove(key);
                } else {
                    properties.put(key, value);
                }
            });
        }
        return properties;
    }

    String bootstrapServers() {
        return (String) base.get(BOOTSTRAP_SERVERS);
    }

    /** Validates a layer or node id: both end up in topic names. */
    static String requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME.pattern() + " but was '" + value + "'");
        }
        return value;
    }

    private static void copyPrefixed(Map<String, ?> source, String prefix, Map<String, Object> target) {
        for (String each : new String[] {prefix, "." + prefix}) {
            source.forEach((key, value) -> {
                if (key.startsWith(each) && key.length() > each.length() && value != null) {
                    target.put(key.substring(each.length()), value.toString().trim());
                }
            });
        }
    }
}
