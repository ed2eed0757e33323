package org.hyperiot.streaming.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.ClusterMessaging;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layer's cluster topics: creates {@code hyperiot_layer_<layer>} and this node's
 * {@code hyperiot_layer_<layer>_<nodeId>} on start, sends to one node or to all, announces this
 * node on the layer topic at a fixed interval and lists the nodes whose announcements are recent.
 *
 * <p>Heartbeats share the layer topic with broadcasts; they carry the header {@link #HEARTBEAT_HEADER}
 * so that receivers of broadcasts can tell them apart.
 */
@Component(service = ClusterMessaging.class, configurationPid = KafkaConnectorComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ClusterMessagingComponent implements ClusterMessaging {

    /** Header marking a heartbeat; its value is the sender's node id. */
    public static final String HEARTBEAT_HEADER = "hyperiot.cluster.heartbeat";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMessagingComponent.class);

    private final KafkaConnector connector;
    private final ConnectorReconfiguration reconfiguration;
    private final Runnable reconnect = this::reconnect;
    private final KafkaTopicAdmin topicAdmin;
    private final ClusterIdentity identity;
    private final KafkaConnectorConfiguration configuration;
    private final LiveNodes liveNodes;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService heartbeats;
    private final Thread listener;
    private volatile boolean topicsReady;
    private volatile boolean running = true;
    private volatile boolean reconnectRequested;
    private volatile Consumer<byte[], byte[]> consumer;

    @Activate
    public ClusterMessagingComponent(@Reference KafkaConnector connector,
            @Reference ConnectorReconfiguration reconfiguration, @Reference KafkaTopicAdmin topicAdmin,
            KafkaConnectorConfiguration configuration) {
        this.connector = connector;
        this.reconfiguration = reconfiguration;
        this.topicAdmin = topicAdmin;
        this.identity = connector.identity();
        this.configuration = configuration;
        this.liveNodes = new LiveNodes(configuration.cluster_node_timeout_ms());
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                runnable -> new Thread(runnable, "hyperiot-cluster-heartbeat"));
        this.heartbeats.scheduleWithFixedDelay(this::announce, 0, configuration.cluster_heartbeat_interval_ms(),
                TimeUnit.MILLISECONDS);
        this.listener = new Thread(this::listen, "hyperiot-cluster-listener");
        this.listener.start();
        reconfiguration.addListener(reconnect);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        reconfiguration.removeListener(reconnect);
        running = false;
        heartbeats.shutdownNow();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        listener.interrupt();
        listener.join(TimeUnit.SECONDS.toMillis(30));
    }

    @Override
    public CompletionStage<RecordMetadata> broadcast(byte[] key, byte[] value) {
        return connector.send(new ProducerRecord<>(identity.broadcastTopic(), key, value));
    }

    @Override
    public CompletionStage<RecordMetadata> sendToNode(String nodeId, byte[] key, byte[] value) {
        KafkaClientProperties.requireName("node id", nodeId);
        return connector.send(new ProducerRecord<>(identity.nodeTopic(nodeId), key, value));
    }

    @Override
    public Set<ClusterNode> liveNodes() {
        long now = clock.millis();
        // This node is live by definition, even before its first heartbeat comes back from Kafka.
        liveNodes.heartbeat(identity.nodeId(), now);
        return liveNodes.live(now);
    }

    private void announce() {
        try {
            if (!topicsReady) {
                createClusterTopics();
            }
            String body = "{\"nodeId\":\"" + identity.nodeId() + "\",\"ts\":" + clock.millis() + "}";
            ProducerRecord<byte[], byte[]> heartbeat = new ProducerRecord<>(identity.broadcastTopic(),
                    identity.nodeId().getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
            heartbeat.headers().add(HEARTBEAT_HEADER, identity.nodeId().getBytes(StandardCharsets.UTF_8));
            connector.send(heartbeat);
        } catch (RuntimeException e) {
            // The cluster may be unreachable; the next interval tries again.
            LOG.debug("Heartbeat of node {} not sent: {}", identity.nodeId(), e.toString());
        }
    }

    private void createClusterTopics() {
        for (String topic : List.of(identity.broadcastTopic(), identity.nodeTopic(identity.nodeId()))) {
            try {
                topicAdmin.createTopic(topic, configuration.cluster_topic_partitions(),
                        configuration.cluster_topic_replication_factor(), Map.of());
                LOG.info("Created cluster topic {}", topic);
            } catch (KafkaAdminException e) {
                if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                    throw e;
                }
            }
        }
        topicsReady = true;
    }

    /** Makes the listener replace its consumer with one built from the connector's new settings. */
    private void reconnect() {
        reconnectRequested = true;
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    /** Reads the layer topic from one node-timeout ago, so nodes already running are listed at once. */
    private void listen() {
        while (running) {
            reconnectRequested = false;
            Consumer<byte[], byte[]> heartbeatConsumer;
            try {
                heartbeatConsumer = newHeartbeatConsumer();
            } catch (RuntimeException e) {
                LOG.error("The cluster listener of node {} could not create its consumer", identity.nodeId(), e);
                return;
            }
            consumer = heartbeatConsumer;
            try {
                listen(heartbeatConsumer);
            } catch (WakeupException | InterruptedException | org.apache.kafka.common.errors.InterruptException e) {
                // deactivate() or reconnect() woke or interrupted the listener.
            } catch (RuntimeException e) {
                LOG.error("The cluster listener of node {} stopped", identity.nodeId(), e);
                running = false;
            } finally {
                // An interrupted thread cannot close a consumer cleanly; the interrupt has done its job.
                Thread.interrupted();
                KafkaClientLoader.run(() -> heartbeatConsumer.close(Duration.ofSeconds(5)));
            }
            if (running && !reconnectRequested) {
                return;
            }
        }
    }

    private Consumer<byte[], byte[]> newHeartbeatConsumer() {
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ConsumerConfig.GROUP_ID_CONFIG, null);
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        overrides.put(ConsumerConfig.CLIENT_ID_CONFIG,
                "hyperiot-" + identity.layer() + "-" + identity.nodeId() + "-cluster");
        return connector.newConsumer(overrides, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void listen(Consumer<byte[], byte[]> heartbeatConsumer) throws InterruptedException {
        while (running && !reconnectRequested) {
            if (heartbeatConsumer.assignment().isEmpty() && !assign(heartbeatConsumer)) {
                // The layer topic does not exist yet (announce() creates it): an unassigned consumer
                // cannot poll, so wait a heartbeat interval before asking again.
                TimeUnit.MILLISECONDS.sleep(configuration.cluster_heartbeat_interval_ms());
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : heartbeatConsumer.poll(Duration.ofMillis(500))) {
                Header sender = record.headers().lastHeader(HEARTBEAT_HEADER);
                if (sender != null) {
                    liveNodes.heartbeat(new String(sender.value(), StandardCharsets.UTF_8), record.timestamp());
                }
            }
        }
    }

    private boolean assign(Consumer<byte[], byte[]> heartbeatConsumer) {
        List<PartitionInfo> partitions;
        try {
            partitions = heartbeatConsumer.partitionsFor(identity.broadcastTopic(), Duration.ofSeconds(5));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        heartbeatConsumer.assign(assigned);
        long since = clock.millis() - configuration.cluster_node_timeout_ms();
        Map<TopicPartition, OffsetAndTimestamp> offsets = heartbeatConsumer.offsetsForTimes(
                assigned.stream().collect(Collectors.toMap(partition -> partition, partition -> since)));
        offsets.forEach((partition, offset) -> {
            if (offset == null) {
                heartbeatConsumer.seekToEnd(List.of(partition));
            } else {
                heartbeatConsumer.seek(partition, offset.offset());
            }
        });
        return true;
    }
}
