package org.hyperiot.streaming.storm.worker;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kafka client properties the spout and the bolt start from: the non-secret ones of the topology
 * configuration (key {@value #CLIENTS}, a map such as {@code {"bootstrap.servers": "kafka:9092"}}),
 * overlaid with the Storm credentials whose names start with {@value #CREDENTIAL_PREFIX}, that prefix
 * removed (credential {@code stream.kafka.sasl.jaas.config} is property {@code sasl.jaas.config}).
 * Secrets travel as credentials because anyone may read a topology's configuration from Nimbus.
 *
 * <p>A property meant for one kind of client only carries its role's prefix ({@code producer.},
 * {@code consumer.}, {@code admin.}, as Kafka Streams names them; no Kafka client property starts so):
 * {@link #producer}, {@link #consumer} and {@link #admin} give each kind the common properties overlaid
 * with its own, so that the Kafka connector's {@code kafka.producer.compression.type} reaches a bolt's
 * producers as it reaches a {@code kafka} engine worker's.
 *
 * <p>Every value comes out as a string, which Kafka parses for any type: Storm hands the configuration
 * back from JSON, where an {@code int} setting has become a {@code Long}, which Kafka refuses for an
 * {@code int}. A list becomes its elements joined by commas, as Kafka writes lists.
 */
public final class KafkaClientSettings {

    /** The topology configuration key of the non-secret client properties. */
    public static final String CLIENTS = "stream.kafka.clients";
    /** The beginning of the name of every credential that is a client property. */
    public static final String CREDENTIAL_PREFIX = "stream.kafka.";
    /** The prefix of a property for producers only. */
    public static final String PRODUCER_PREFIX = "producer.";
    /** The prefix of a property for consumers only. */
    public static final String CONSUMER_PREFIX = "consumer.";
    /** The prefix of a property for admin clients only. */
    public static final String ADMIN_PREFIX = "admin.";

    private static final List<String> ROLE_PREFIXES = List.of(PRODUCER_PREFIX, CONSUMER_PREFIX, ADMIN_PREFIX);

    private KafkaClientSettings() {
    }

    /**
     * The client properties.
     *
     * @param topologyConfiguration the topology configuration, as Storm gives it to {@code open}/{@code prepare}
     * @param credentials           the credentials Storm gave through {@code setCredentials}, or {@code null}
     * @throws IllegalArgumentException if {@value #CLIENTS} is there and is not a map of properties
     */
    public static Map<String, Object> of(Map<String, Object> topologyConfiguration, Map<String, String> credentials) {
        Map<String, Object> properties = new LinkedHashMap<>();
        Object clients = topologyConfiguration == null ? null : topologyConfiguration.get(CLIENTS);
        if (clients != null) {
            if (!(clients instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(CLIENTS + " is a map of Kafka client properties, not " + clients);
            }
            for (Map.Entry<?, ?> property : map.entrySet()) {
                if (property.getValue() != null) {
                    properties.put(String.valueOf(property.getKey()), text(property.getKey(), property.getValue()));
                }
            }
        }
        if (credentials != null) {
            for (Map.Entry<String, String> credential : credentials.entrySet()) {
                String name = credential.getKey();
                if (name != null && name.startsWith(CREDENTIAL_PREFIX) && name.length() > CREDENTIAL_PREFIX.length()
                        && credential.getValue() != null) {
                    properties.put(name.substring(CREDENTIAL_PREFIX.length()), credential.getValue());
                }
            }
        }
        return properties;
    }

    /** A producer's properties out of {@code settings} ({@link #of}): the common ones and its own. */
    public static Map<String, Object> producer(Map<String, Object> settings) {
        return forRole(settings, PRODUCER_PREFIX);
    }

    /** A consumer's properties out of {@code settings} ({@link #of}): the common ones and its own. */
    public static Map<String, Object> consumer(Map<String, Object> settings) {
        return forRole(settings, CONSUMER_PREFIX);
    }

    /** An admin client's properties out of {@code settings} ({@link #of}): the common ones and its own. */
    public static Map<String, Object> admin(Map<String, Object> settings) {
        return forRole(settings, ADMIN_PREFIX);
    }

    private static Map<String, Object> forRole(Map<String, Object> settings, String role) {
        Map<String, Object> common = new LinkedHashMap<>();
        Map<String, Object> own = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            String prefix = ROLE_PREFIXES.stream().filter(name::startsWith).findFirst().orElse(null);
            if (prefix == null) {
                common.put(name, value);
            } else if (prefix.equals(role) && name.length() > prefix.length()) {
                own.put(name.substring(prefix.length()), value);
            }
        });
        common.putAll(own);
        return common;
    }

    private static String text(Object name, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        throw new IllegalArgumentException("Kafka client property " + name + " is a " + value.getClass().getName());
    }
}
