package org.hyperiot.streaming.kafka.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

import org.hyperiot.streaming.api.kafka.KafkaConnector;

/**
 * Creates and disposes of the real {@link KafkaConnectorComponent} outside OSGi, the way Declarative
 * Services would: a typed configuration plus the raw configuration properties, then
 * {@code deactivate()} at the end.
 *
 * <p>It lives in the connector's package (a split package, harmless on a plain classpath) because the
 * configuration annotation type and {@code deactivate()} are package-private. The configuration is a
 * {@link Proxy} that answers every attribute not given here with its declared default, as DS does,
 * so attributes the connector gains later need no change here.
 */
public final class StandaloneKafkaConnector {

    private StandaloneKafkaConnector() {
    }

    /**
     * Activates a connector.
     *
     * @param bootstrapServers the brokers
     * @param properties       the configuration dictionary DS would pass, e.g. {@code kafka.producer.*} keys
     * @param layer            the cluster layer (names the client ids)
     */
    public static KafkaConnector open(String bootstrapServers, Map<String, Object> properties, String layer) {
        Map<String, Object> attributes = Map.of("bootstrap_servers", bootstrapServers, "layer", layer, "node_id", "1");
        KafkaConnectorConfiguration configuration = (KafkaConnectorConfiguration) Proxy.newProxyInstance(
                KafkaConnectorConfiguration.class.getClassLoader(), new Class<?>[] {KafkaConnectorConfiguration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> KafkaConnectorConfiguration.class;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "KafkaConnectorConfiguration" + attributes;
                    default -> attributes.containsKey(method.getName())
                            ? attributes.get(method.getName()) : method.getDefaultValue();
                });
        // DS hands the component the whole dictionary, bootstrap.servers included.
        Map<String, Object> dictionary = new HashMap<>(properties);
        dictionary.put(KafkaClientProperties.BOOTSTRAP_SERVERS, bootstrapServers);
        return new KafkaConnectorComponent(configuration, dictionary);
    }

    /** Deactivates a connector created by {@link #open}, closing its clients. */
    public static void close(KafkaConnector connector) {
        ((KafkaConnectorComponent) connector).deactivate();
    }
}
