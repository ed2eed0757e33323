package org.hyperiot.streaming.storm.worker;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Kafka client properties the spout and the bolt start from: the non-secret ones of the topology
 * configuration (key {@value #CLIENTS}, a map such as {@code {"bootstrap.servers": "kafka:9092"}}),
 * overlaid with the Storm credentials whose names start with {@value #CREDENTIAL_PREFIX}, that prefix
 * removed (credential {@code stream.kafka.sasl.jaas.config} is property {@code sasl.jaas.config}).
 * Secrets travel as credentials because anyone may read a topology's configuration from Nimbus.
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
