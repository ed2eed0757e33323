package org.hyperiot.streaming.kafka.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link KafkaConnector} service. A configuration change keeps the service registered and swaps
 * its clients: a send that meets the old producer closing is sent again on the new one, records
 * already handed to the old producer are flushed when it closes, and the connector's components replace their consumers through
 * {@link ConnectorReconfiguration}. The layer and node id stay as they were until the bundle restarts.
 */
@Component(service = {KafkaConnector.class, ConnectorReconfiguration.class},
        configurationPid = KafkaConnectorComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = KafkaConnectorConfiguration.class)
public class KafkaConnectorComponent implements KafkaConnector, ConnectorReconfiguration {

    static final String PID = "org.hyperiot.streaming.kafka";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaConnectorComponent.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** How long a replaced producer may take to deliver what it still holds. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterIdentity identity;
    private final AtomicInteger pools = new AtomicInteger();
    private final AtomicInteger healthThreads = new AtomicInteger();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService notifier = Executors.newSingleThreadExecutor(
            runnable -> new Thread(runnable, "hyperiot-kafka-reconfiguration"));
    /**
     * Read without a lock on every send: a lock would cost each send more than the swap it guards
     * ever saves. A send that loses the race against a swap is sent again on the new clients.
     */
    private volatile Clients clients;

    @Activate
    public KafkaConnectorComponent(KafkaConnectorConfiguration configuration, Map<String, Object> properties) {
        this.identity = new ClusterIdentity(
                KafkaClientProperties.requireName("layer", configuration.layer()),
                KafkaClientProperties.requireName("node.id", configuration.node_id()));
        this.clients = new Clients(configuration, properties);
        LOG.info("Kafka connector for node {} of layer {} uses {}", identity.nodeId(), identity.layer(),
                clients.properties.bootstrapServers());
    }

    @Modified
    void modified(KafkaConnectorConfiguration configuration, Map<String, Object> properties) {
        if (!identity.layer().equals(configuration.layer()) || !identity.nodeId().equals(configuration.node_id())) {
            LOG.warn("The layer and node id of a running node do not change: node {} of layer {} keeps them until "
                    + "the connector bundle restarts", identity.nodeId(), identity.layer());
        }
        Clients replacement = new Clients(configuration, properties);
        Clients replaced = clients;
        clients = replacement;
        LOG.info("Kafka connector reconfigured: new clients use {}", replacement.properties.bootstrapServers());
        notifier.execute(() -> {
            for (Runnable listener : listeners) {
                try {
                    listener.run();
                } catch (RuntimeException e) {
                    LOG.error("A component could not follow the Kafka connector's new configuration", e);
                }
            }
        });
        replaced.close(DRAIN_TIMEOUT);
    }

    @Deactivate
    void deactivate() {
        notifier.shutdownNow();
        clients.close(CLOSE_TIMEOUT);
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
        return send(record, null);
    }

    @Override
    public CompletionStage<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        SendCompletion completion = new SendCompletion(callback);
        Clients current = clients;
        while (true) {
            try {
                current.sharedProducer().send(record, completion);
                return completion;
            } catch (RuntimeException e) {
                // Kafka throws (and does not call back) when the producer is closed before the record
                // reaches its buffer, so the record is not in the old producer: if a configuration swap
                // closed it meanwhile, the record goes to the new one, otherwise the error is the caller's.
                Clients latest = clients;
                if (latest == current) {
                    completion.onCompletion(null, e);
                    return completion;
                }
                current = latest;
            }
        }
    }

    @Override
    public <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record) {
        return SendCompletion.send(producer, record, null);
    }

    @Override
    public <K, V> Producer<K, V> newProducer(Map<String, Object> overrides, Serializer<K> keySerializer,
            Serializer<V> valueSerializer) {
        return clients.newProducer(overrides, keySerializer, valueSerializer);
    }

    @Override
    public <K, V> Consumer<K, V> newConsumer(Map<String, Object> overrides, Deserializer<K> keyDeserializer,
            Deserializer<V> valueDeserializer) {
        Map<String, Object> config = clients.properties.forClient(KafkaClientType.CONSUMER, overrides);
        return KafkaClientLoader.create(() -> new KafkaConsumer<>(config, keyDeserializer, valueDeserializer));
    }

    @Override
    public Admin newAdmin(Map<String, Object> overrides) {
        return clients.newAdmin(overrides);
    }

    @Override
    public <K, V> KafkaProducerPool<K, V> newProducerPool(int size, Map<String, Object> overrides,
            Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        if (size < 1) {
            throw new IllegalArgumentException("a producer pool needs at least one producer, not " + size);
        }
        Clients current = clients;
        List<Producer<K, V>> producers = new ArrayList<>(size);
        int pool = pools.incrementAndGet();
        for (int i = 0; i < size; i++) {
            Map<String, Object> config = new HashMap<>(overrides == null ? Map.of() : overrides);
            config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId("pool-" + pool + "-" + i));
            producers.add(current.newProducer(config, keySerializer, valueSerializer));
        }
        return new RoundRobinProducerPool<>(producers, CLOSE_TIMEOUT);
    }

    @Override
    public KafkaClusterStatus clusterStatus() {
        return clients.health.status();
    }

    @Override
    public ClusterIdentity identity() {
        return identity;
    }

    private String clientId(String purpose) {
        return "hyperiot-" + identity.layer() + "-" + identity.nodeId() + "-" + purpose;
    }

    /** The clients of one configuration: replaced as a whole when the configuration changes. */
    private final class Clients {

        final KafkaClientProperties properties;
        final Admin probeAdmin;
        final ClusterHealthMonitor health;
        private volatile Producer<byte[], byte[]> sharedProducer;
        /** Set by {@link #close}: a closed configuration's producer is never created again. */
        private boolean closed;

        Clients(KafkaConnectorConfiguration configuration, Map<String, Object> raw) {
            Map<String, Object> settings = new HashMap<>(raw);
            settings.put(KafkaClientProperties.BOOTSTRAP_SERVERS, configuration.bootstrap_servers());
            this.properties = new KafkaClientProperties(settings);
            if (configuration.health_interval_ms() <= 0 || configuration.health_timeout_ms() <= 0) {
                throw new IllegalArgumentException("health.interval.ms and health.timeout.ms must be positive, not "
                        + configuration.health_interval_ms() + " and " + configuration.health_timeout_ms());
            }
            this.probeAdmin = newAdmin(Map.of(CommonClientConfigs.CLIENT_ID_CONFIG, clientId("health")));
            ClusterProbe probe = new ClusterProbe(probeAdmin, properties.bootstrapServers(),
                    configuration.health_timeout_ms(), Clock.systemUTC());
            ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "hyperiot-kafka-health-" + healthThreads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            this.health = new ClusterHealthMonitor(probe, properties.bootstrapServers(),
                    Duration.ofMillis(configuration.health_interval_ms()), Clock.systemUTC(), checks).start();
        }

        <K, V> Producer<K, V> newProducer(Map<String, Object> overrides, Serializer<K> keySerializer,
                Serializer<V> valueSerializer) {
            Map<String, Object> config = properties.forClient(KafkaClientType.PRODUCER, overrides);
            return KafkaClientLoader.create(() -> new KafkaProducer<>(config, keySerializer, valueSerializer));
        }

        Admin newAdmin(Map<String, Object> overrides) {
            Map<String, Object> config = properties.forClient(KafkaClientType.ADMIN, overrides);
            return KafkaClientLoader.create(() -> Admin.create(config));
        }

        Producer<byte[], byte[]> sharedProducer() {
            Producer<byte[], byte[]> producer = sharedProducer;
            if (producer != null) {
                return producer;
            }
            synchronized (this) {
                if (closed) {
                    throw new IllegalStateException("the Kafka connector's clients for "
                            + properties.bootstrapServers() + " were closed");
                }
                if (sharedProducer == null) {
                    // Created on first use so that the connector comes up even while the cluster is unreachable.
                    sharedProducer = newProducer(Map.of(ProducerConfig.CLIENT_ID_CONFIG, clientId("shared")),
                            new ByteArraySerializer(), new ByteArraySerializer());
                }
                return sharedProducer;
            }
        }

        /** Closes the clients; the shared producer first delivers what it holds, for up to {@code timeout}. */
        void close(Duration timeout) {
            Producer<byte[], byte[]> producer;
            synchronized (this) {
                closed = true;
                producer = sharedProducer;
                sharedProducer = null;
            }
            // The checks stop before their client closes: a check on a closed admin client fails with
            // "The AdminClient thread has exited" and would be reported as the cluster's status.
            health.close();
            KafkaClientLoader.run(() -> probeAdmin.close(CLOSE_TIMEOUT));
            if (producer != null) {
                KafkaClientLoader.run(() -> producer.close(timeout));
            }
        }
    }
}
