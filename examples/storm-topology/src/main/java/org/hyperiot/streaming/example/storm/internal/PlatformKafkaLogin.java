package org.hyperiot.streaming.example.storm.internal;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Map;

import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka client properties every client of the platform uses: the {@code kafka.all.} keys of the
 * Kafka connector's PID {@code org.hyperiot.streaming.kafka}, including the private ones (a leading
 * dot, as {@code bin/streaming} writes the embedded broker's SCRAM login). The example topology
 * starts from these, so that on a node of the distribution it logs in to Kafka as the node does.
 */
final class PlatformKafkaLogin {

    static final String KAFKA_CONNECTOR_PID = "org.hyperiot.streaming.kafka";

    private static final Logger LOG = LoggerFactory.getLogger(PlatformKafkaLogin.class);
    private static final String ALL = "kafka.all.";

    private PlatformKafkaLogin() {
    }

    /** The platform's client properties as {@code kafka.<property>} keys; empty when the PID is not configured. */
    static Map<String, Object> read(ConfigurationAdmin configurationAdmin) {
        try {
            // "?" reads the configuration wherever it is bound, without binding it to this bundle.
            Configuration configuration = configurationAdmin.getConfiguration(KAFKA_CONNECTOR_PID, "?");
            return fromConnector(configuration.getProperties());
        } catch (IOException | SecurityException e) {
            LOG.warn("Cannot read the Kafka connector's configuration {}: the example uses only its own kafka.* keys",
                    KAFKA_CONNECTOR_PID, e);
            return Map.of();
        }
    }

    static Map<String, Object> fromConnector(Dictionary<String, Object> properties) {
        Map<String, Object> client = new HashMap<>();
        if (properties == null) {
            return client;
        }
        for (String key : Collections.list(properties.keys())) {
            String plain = key.startsWith(".") ? key.substring(1) : key;
            if (plain.startsWith(ALL) && plain.length() > ALL.length()) {
                client.put(KafkaClientSettings.PREFIX + plain.substring(ALL.length()), properties.get(key));
            }
        }
        return client;
    }
}
