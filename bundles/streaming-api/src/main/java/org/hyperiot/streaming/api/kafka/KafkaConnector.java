package org.hyperiot.streaming.api.kafka;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's gateway to Kafka, registered as an OSGi service by the Kafka connector bundle.
 *
 * <p>Every client it creates is configured from the configuration PID
 * {@code org.hyperiot.streaming.kafka} ({@code bootstrap.servers} plus the {@code kafka.all.},
 * {@code kafka.producer.}, {@code kafka.consumer.} and {@code kafka.admin.} prefixes) and created with
 * the class loading that kafka-clients needs inside OSGi, so callers never deal with either.
 * Clients returned by the {@code new…} methods belong to the caller, who must close them.
 */
@ProviderType
public interface KafkaConnector {

    /**
     * Sends a record on the connector's shared producer. A send that meets the shared producer
     * closing because the configuration changed goes to the new producer.
     *
     * <p>Only Kafka completes the returned stage: {@link CompletionStage#toCompletableFuture()} gives
     * a new future on each call, and completing or cancelling it does not affect the send. Actions
     * attached before the acknowledgement run on the producer's I/O thread, so they must be short.
     *
     * @return a stage completed with the record's metadata once Kafka acknowledged it, or
     *         completed exceptionally with Kafka's error
     */
    CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record);

    /**
     * Sends a record on the connector's shared producer and also reports the outcome to a
     * Kafka callback, which runs exactly once, on the producer's I/O thread.
     */
    CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback);

    /**
     * Sends a record on a producer owned by the caller, adapting Kafka's callback style to a
     * {@link CompletionStage} that behaves as the one {@link #send(ProducerRecord)} returns.
     */
    <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record);

    /**
     * Creates a producer from the platform configuration plus {@code overrides} (native Kafka
     * property names). The caller owns and closes it.
     */
    <K, V> Producer<K, V> newProducer(Map<String, Object> overrides, Serializer<K> keySerializer,
            Serializer<V> valueSerializer);

    /**
     * Creates a consumer from the platform configuration plus {@code overrides}. The caller owns
     * and closes it, on the thread that uses it.
     */
    <K, V> Consumer<K, V> newConsumer(Map<String, Object> overrides, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer);

    /** Creates an admin client from the platform configuration plus {@code overrides}. The caller closes it. */
    Admin newAdmin(Map<String, Object> overrides);

    /**
     * Creates a pool of {@code size} producers used round-robin, for senders whose throughput one
     * producer cannot carry. The caller owns and closes the pool.
     */
    <K, V> KafkaProducerPool<K, V> newProducerPool(int size, Map<String, Object> overrides,
            Serializer<K> keySerializer, Serializer<V> valueSerializer);

    /**
     * Asks the cluster who it is. Blocks for at most the connector's health timeout; never throws:
     * an unreachable cluster is reported as {@link KafkaClusterStatus#reachable()} {@code false}
     * with the reason.
     */
    KafkaClusterStatus clusterStatus();

    /** The layer and node this connector speaks for; fixed while the connector runs. */
    ClusterIdentity identity();
}
