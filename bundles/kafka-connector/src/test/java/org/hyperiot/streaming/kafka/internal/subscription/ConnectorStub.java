package org.hyperiot.streaming.kafka.internal.subscription;

import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.kafka.internal.ConnectorReconfiguration;
import org.hyperiot.streaming.api.kafka.KafkaProducerPool;

/**
 * A connector whose consumers are the given mock; it records the configuration each was asked with.
 * The subscription component only creates consumers: any other call fails the test that made it.
 */
final class ConnectorStub implements KafkaConnector, ConnectorReconfiguration {

    private final Consumer<byte[], byte[]> consumer;
    final List<Map<String, Object>> consumerConfigs = new CopyOnWriteArrayList<>();

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    ConnectorStub(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Consumer<K, V> newConsumer(Map<String, Object> overrides, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        consumerConfigs.add(Map.copyOf(overrides));
        return (Consumer<K, V>) consumer;
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        throw new AssertionError("a subscription must not call KafkaConnector.send");
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        throw new AssertionError("a subscription must not call KafkaConnector.send");
    }

    @Override
    public <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        throw new AssertionError("a subscription must not call KafkaConnector.send");
    }

    @Override
    public <K, V> Producer<K, V> newProducer(Map<String, Object> overrides, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        throw new AssertionError("a subscription must not call KafkaConnector.newProducer");
    }

    @Override
    public Admin newAdmin(Map<String, Object> overrides) {
        throw new AssertionError("a subscription must not call KafkaConnector.newAdmin");
    }

    @Override
    public <K, V> KafkaProducerPool<K, V> newProducerPool(int size, Map<String, Object> overrides,
            Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        throw new AssertionError("a subscription must not call KafkaConnector.newProducerPool");
    }

    @Override
    public KafkaClusterStatus clusterStatus() {
        throw new AssertionError("a subscription must not call KafkaConnector.clusterStatus");
    }

    @Override
    public ClusterIdentity identity() {
        throw new AssertionError("a subscription must not call KafkaConnector.identity");
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** Runs the listeners as the connector does after a configuration change. */
    void reconfigured() {
        listeners.forEach(Runnable::run);
    }
}
