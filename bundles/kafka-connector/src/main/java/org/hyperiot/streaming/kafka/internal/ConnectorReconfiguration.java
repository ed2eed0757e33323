package org.hyperiot.streaming.kafka.internal;

/**
 * Lets the connector's own components follow a configuration change. The connector keeps its
 * service registered when its configuration changes (so that callers keep sending); components
 * holding long-lived clients (consumers, admin clients) register a listener here and replace them.
 *
 * <p>Registered by {@link KafkaConnectorComponent} beside {@code KafkaConnector}, from this bundle's
 * private package: it is not meant for other bundles.
 */
public interface ConnectorReconfiguration {

    /**
     * Runs {@code listener} after each configuration change, once the connector creates its clients
     * with the new settings. Listeners run one after another on a thread of the connector.
     */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
