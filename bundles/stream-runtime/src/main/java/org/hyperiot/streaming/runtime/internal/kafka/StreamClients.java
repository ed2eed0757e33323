package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.KafkaChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.KafkaStreamTopics;
import org.hyperiot.streaming.runtime.kafka.StreamTopics;

/**
 * Where a worker gets its Kafka clients: the platform's connector in a node, mock clients in unit
 * tests. Every client reads and writes bytes.
 */
interface StreamClients {

    Producer<byte[], byte[]> producer(Map<String, Object> config);

    Consumer<byte[], byte[]> consumer(Map<String, Object> config);

    /** The admin requests of a changelog restorer; {@code config} configures its own admin client. */
    ChangelogAdmin changelogAdmin(Map<String, Object> config);

    /** The topic requests of a stream runner before it starts workers. */
    StreamTopics streamTopics();

    /** Clients from the connector, configured for the platform's cluster; topics through {@code topicAdmin}. */
    static StreamClients of(KafkaConnector connector, KafkaTopicAdmin topicAdmin) {
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
            public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
                return new KafkaChangelogAdmin(() -> connector.newAdmin(config), topicAdmin);
            }

            @Override
            public StreamTopics streamTopics() {
                return new KafkaStreamTopics(topicAdmin);
            }
        };
    }
}
