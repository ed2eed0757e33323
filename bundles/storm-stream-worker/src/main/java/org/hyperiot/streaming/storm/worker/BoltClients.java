package org.hyperiot.streaming.storm.worker;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.KafkaChangelogAdmin;

/** Where an engine bolt task gets its Kafka clients: real ones in a Storm worker, mock ones in tests. */
interface BoltClients {

    Producer<byte[], byte[]> producer(Map<String, Object> config);

    Consumer<byte[], byte[]> consumer(Map<String, Object> config);

    /** The admin requests of a changelog restorer, on an admin client of its own made from {@code config}. */
    ChangelogAdmin changelogAdmin(Map<String, Object> config);

    /** Kafka's clients; the configurations carry their serializers ({@link BoltClientConfigs}). */
    static BoltClients kafka() {
        return new BoltClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> config) {
                return new KafkaProducer<>(config);
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
                return new KafkaConsumer<>(config);
            }

            @Override
            public ChangelogAdmin changelogAdmin(Map<String, Object> config) {
                return KafkaChangelogAdmin.withoutPlatform(() -> Admin.create(config));
            }
        };
    }
}
