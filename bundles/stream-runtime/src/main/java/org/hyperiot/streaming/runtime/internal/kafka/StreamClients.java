package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;

/**
 * Where a worker gets its Kafka clients: the platform's connector in a node, mock clients in unit
 * tests. Every client reads and writes bytes.
 */
interface StreamClients {

    Producer<byte[], byte[]> producer(Map<String, Object> config);

    Consumer<byte[], byte[]> consumer(Map<String, Object> config);

    Admin admin(Map<String, Object> config);

    /** The admin requests of a changelog restorer, on a new admin client. */
    default ChangelogAdmin changelogAdmin(Map<String, Object> config) {
        return new KafkaChangelogAdmin(admin(config));
    }

    /** The admin requests of a stream runner before it starts workers, on a new admin client. */
    default StreamTopics streamTopics(Map<String, Object> config) {
        return new KafkaStreamTopics(admin(config));
    }

    /** Clients from the connector, configured for the platform's cluster. */
    static StreamClients of(KafkaConnector connector) {
        return new StreamClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return connector.newProducer(config, new ByteArraySerializer(), new ByteArraySerializer());
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return connector.newConsumer(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }

            @Override
            public Admin admin(Map<String, Object> config) {
                return connector.newAdmin(config);
            }
        };
    }
}
