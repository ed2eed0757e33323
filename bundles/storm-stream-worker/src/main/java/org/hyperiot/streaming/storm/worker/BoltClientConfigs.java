package org.hyperiot.streaming.storm.worker;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.kafka.support.TransactionRetry;
import org.hyperiot.streaming.runtime.kafka.StreamResources;

/**
 * The settings of an engine bolt task's Kafka clients, as pure functions, on top of the cluster
 * settings ({@link KafkaClientSettings}), which never override what a guarantee depends on. They
 * mirror the {@code kafka} engine's, with the ids of a bolt task instead of a node's worker.
 */
final class BoltClientConfigs {

    private BoltClientConfigs() {
    }

    /** The client id of bolt task {@code taskName} ({@link BoltInput#taskName}) of {@code stream}; {@code role} tells its clients apart. */
    static String clientId(String stream, String taskName, String role) {
        return StreamResources.prefix(stream) + taskName + "-" + role;
    }

    /**
     * The transactional id of a source partition's producer: the same whichever bolt task or worker runs
     * the partition, so that the producer of a task Storm has moved or a paused worker still holds is
     * fenced by the new one's {@code initTransactions}.
     */
    static String transactionalId(String stream, String topic, int partition) {
        return StreamResources.prefix(stream) + "storm-" + topic + "-" + partition;
    }

    /** A producer of outputs and changelog writes: {@code acks=all} and idempotent under every guarantee. */
    static Map<String, Object> producer(Map<String, Object> cluster, String clientId) {
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.producer(cluster));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }

    /** The transactional producer of one source partition under exactly-once. */
    static Map<String, Object> transactionalProducer(Map<String, Object> cluster, String clientId,
            String transactionalId, long transactionTimeoutMs) {
        Map<String, Object> config = producer(cluster, clientId);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeoutMs));
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, Integer.toString(TransactionRetry.FIRST_BACKOFF_MS));
        return config;
    }

    /**
     * The consumer that reads and commits the stream group's offsets, without joining the group
     * ({@code assign()} semantics: Storm places the tasks). {@code read_committed}, so that reading the
     * committed offsets waits for a transaction still committing them.
     */
    static Map<String, Object> offsetsConsumer(Map<String, Object> cluster, String stream, String clientId) {
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.consumer(cluster));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, StreamResources.groupId(stream));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        deserializers(config);
        return config;
    }

    /** The group-less consumer that replays changelog partitions; only committed state counts. */
    static Map<String, Object> restoreConsumer(Map<String, Object> cluster, String clientId) {
        Map<String, Object> config = new HashMap<>(KafkaClientSettings.consumer(cluster));
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        deserializers(config);
        return config;
    }

    /** The admin client of the changelog restorer. */
    static Map<String, Object> admin(Map<String, Object> cluster, String clientId) {
        Map<String, Object> config = new HashMap<>();
        // Only what an admin client knows: consumer or producer keys would be logged as unknown.
        KafkaClientSettings.admin(cluster).forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    private static void deserializers(Map<String, Object> config) {
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    }
}
