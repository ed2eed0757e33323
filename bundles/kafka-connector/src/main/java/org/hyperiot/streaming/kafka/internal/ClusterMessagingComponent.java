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

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
    /** The listener's pause before it tries again, at most: short enough to list nodes soon after Kafka is back. */
    private static final long MAX_RETRY_DELAY_MS = 5000;

    private final KafkaConnector connector;
    private final ConnectorReconfiguration reconfiguration;
    private final Runnable reconnect = this::reconnect;
    private final KafkaTopicAdmin topicAdmin;
    private final ClusterIdentity identity;
    private final KafkaConnectorConfiguration configuration;
    private final LiveNodes liveNodes;
    private final Clock clock = Clock.systemUTC();
    private final FailureLog failures = FailureLog.to(LOG);
    private final ScheduledExecutorService heartbeats;
    private final ClusterTopicListener listener;
    private final Thread listenerThread;
    private volatile boolean topicsReady;

    @Activate
    public ClusterMessagingComponent(@Reference KafkaConnector connector,
            @Reference ConnectorReconfiguration reconfiguration, @Reference KafkaTopicAdmin topicAdmin,
            KafkaConnectorConfiguration configuration) {
        this.connector = connector;
        this.reconfiguration = reconfiguration;
        this.topicAdmin = topicAdmin;
        this.identity = connector.identity();
        this.configuration = configuration;
        this.liveNodes = new LiveNodes(configuration.cluster_node_timeout_ms(), configuration.cluster_max_clock_skew_ms());
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(
                runnable -> new Thread(runnable, "hyperiot-cluster-heartbeat"));
        this.heartbeats.scheduleWithFixedDelay(this::announce, 0, configuration.cluster_heartbeat_interval_ms(),
                TimeUnit.MILLISECONDS);
        // Reads the layer topic from one node timeout ago, so nodes already running are listed at once.
        this.listener = new ClusterTopicListener(this::newHeartbeatConsumer, identity.broadcastTopic(),
                new HeartbeatReader(liveNodes, clock, failures),
                () -> clock.millis() - configuration.cluster_node_timeout_ms(),
                Duration.ofMillis(Math.min(configuration.cluster_heartbeat_interval_ms(), MAX_RETRY_DELAY_MS)), failures);
        this.listenerThread = new Thread(listener, "hyperiot-cluster-listener");
        this.listenerThread.setDaemon(true);
        // The consumer is created and closed on this thread: kafka-clients needs its own loader as the TCCL.
        this.listenerThread.setContextClassLoader(Consumer.class.getClassLoader());
        this.listenerThread.start();
        reconfiguration.addListener(reconnect);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        reconfiguration.removeListener(reconnect);
        heartbeats.shutdownNow();
        listener.stop();
        listenerThread.interrupt();
        listenerThread.join(TimeUnit.SECONDS.toMillis(30));
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
        liveNodes.heartbeat(identity.nodeId(), now, now);
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
            connector.send(heartbeat).whenComplete((metadata, error) -> {
                if (error == null) {
                    failures.recoveredAll("heartbeat|");
                } else {
                    failures.report("heartbeat|" + error.getClass().getName(), "Node " + identity.nodeId()
                            + " could not send its heartbeat; trying again every "
                            + configuration.cluster_heartbeat_interval_ms() + " ms: " + error, null);
                }
            });
        } catch (RuntimeException e) {
            // The cluster may be unreachable; the next interval tries again, and the log hears of it once.
            failures.report("heartbeat|" + e.getClass().getName(), "Node " + identity.nodeId()
                    + " could not announce itself on " + identity.broadcastTopic() + "; trying again every "
                    + configuration.cluster_heartbeat_interval_ms() + " ms: " + e.getMessage(), null);
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
        failures.recoveredAll("heartbeat|");
    }

    /** Makes the listener replace its consumer with one built from the connector's new settings. */
    private void reconnect() {
        listener.reconnect();
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
}
