package org.hyperiot.streaming.kafka.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaProducerPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KafkaConnector} service. A configuration change makes DS deactivate this instance
 * (closing its clients) and activate a new one with the new settings, so no Karaf restart is needed.
 */
@Component(service = KafkaConnector.class, configurationPid = KafkaConnectorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = KafkaConnectorConfiguration.class)
public class KafkaConnectorComponent implements KafkaConnector {

    static final String PID = "org.hyperiot.streaming.kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectorComponent.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaClientProperties clientProperties;
    private final ClusterIdentity identity;
    private final ClusterProbe probe;
    private final Admin probeAdmin;
    private final AtomicInteger pools = new AtomicInteger();
    private Producer<byte[], byte[]> sharedProducer;

    @Activate
    public KafkaConnectorComponent(KafkaConnectorConfiguration configuration, Map<String, Object> properties) {
        Map<String, Object> settings = new HashMap<>(properties);
        settings.put(KafkaClientProperties.BOOTSTRAP_SERVERS, configuration.bootstrap_servers());
        this.clientProperties = new KafkaClientProperties(settings);
        this.identity = new ClusterIdentity(
                KafkaClientProperties.requireName("layer", configuration.layer()),
                KafkaClientProperties.requireName("node.id", configuration.node_id()));
        this.probeAdmin = newAdmin(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId("health")));
        this.probe = new ClusterProbe(probeAdmin, clientProperties.bootstrapServers(),
                configuration.health_timeout_ms(), Clock.systemUTC());
        LOG.info("Kafka connector for node {} of layer {} uses {}", identity.nodeId(), identity.layer(),
                clientProperties.bootstrapServers());
    }

    @Deactivate
    void deactivate() {
        Producer<byte[], byte[]> producer;
        synchronized (this) {
            producer = sharedProducer;
            sharedProducer = null;
        }
        if (producer != null) {
            KafkaClientLoader.run(() -> producer.close(CLOSE_TIMEOUT));
        }
        KafkaClientLoader.run(() -> probeAdmin.close(CLOSE_TIMEOUT));
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return SendCompletion.send(sharedProducer(), record, null);
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        return SendCompletion.send(sharedProducer(), record, callback);
    }

    @Override
    public <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        return SendCompletion.send(producer, record, null);
    }

    @Override
    public <K, V> Producer<K, V> newProducer(Map<String, Object> overrides, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        Map<String, Object> config = clientProperties.forClient(KafkaClientType.PRODUCER, overrides);
        return KafkaClientLoader.create(() -> new KafkaProducer<>(config, keySerializer, valueSerializer));
    }

    @Override
    public <K, V> Consumer<K, V> newConsumer(Map<String, Object> overrides, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        Map<String, Object> config = clientProperties.forClient(KafkaClientType.CONSUMER, overrides);
        return KafkaClientLoader.create(() -> new KafkaConsumer<>(config, keyDeserializer, valueDeserializer));
    }

    @Override
    public Admin newAdmin(Map<String, Object> overrides) {
        Map<String, Object> config = clientProperties.forClient(KafkaClientType.ADMIN, overrides);
        return KafkaClientLoader.create(() -> Admin.create(config));
    }

    @Override
    public <K, V> KafkaProducerPool<K, V> newProducerPool(int size, Map<String, Object> overrides,
            Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        if (size < 1) {
            throw new IllegalArgumentException("a producer pool needs at least one producer, not " + size);
        }
        List<Producer<K, V>> producers = new ArrayList<>(size);
        int pool = pools.incrementAndGet();
        for (int i = 0; i < size; i++) {
            Map<String, Object> config = new HashMap<>(overrides == null ? Map.of() : overrides);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId("pool-" + pool + "-" + i));
            producers.add(newProducer(config, keySerializer, valueSerializer));
        }
        return new RoundRobinProducerPool<>(producers, CLOSE_TIMEOUT);
    }

    @Override
    public KafkaClusterStatus clusterStatus() {
        return probe.probe();
    }

    @Override
    public ClusterIdentity identity() {
        return identity;
    }

    private synchronized Producer<byte[], byte[]> sharedProducer() {
        if (sharedProducer == null) {
            // Created on first use so that the connector comes up even while the cluster is unreachable.
            sharedProducer = newProducer(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId("shared")),
                    new ByteArraySerializer(), new ByteArraySerializer());
        }
        return sharedProducer;
    }

    private String clientId(String purpose) {
        return "hyperiot-" + identity.layer() + "-" + identity.nodeId() + "-" + purpose;
    }
}
