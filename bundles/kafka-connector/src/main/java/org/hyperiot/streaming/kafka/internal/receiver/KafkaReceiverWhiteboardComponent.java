package org.hyperiot.streaming.kafka.internal.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;
import org.hyperiot.streaming.kafka.internal.ConnectorReconfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whiteboard of listener components: every {@link KafkaMessageReceiver} service gets its own
 * consumer and thread ({@link ReceiverLoop}) for as long as it is registered, so receivers come and
 * go without disturbing one another.
 */
@Component(service = {}, configurationPid = KafkaReceiverWhiteboardComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ReceiversConfiguration.class)
public class KafkaReceiverWhiteboardComponent {

    static final String PID = "org.hyperiot.streaming.kafka.receivers";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReceiverWhiteboardComponent.class);
    private static final String SERVICE_ID = "service.id";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConnector connector;
    private final ConnectorReconfiguration reconfiguration;
    private final Runnable reconnect = this::reconnectAll;
    private final ClusterIdentity identity;
    private final RetryBackoff backoff;
    private final String deadLetterSuffix;
    private final Duration deadLetterTimeout;
    private final String autoOffsetReset;
    private final Duration pollTimeout;
    private final Duration stopTimeout;
    private final Map<Object, Running> running = new HashMap<>();
    private boolean deactivated;
    private final Object adminLock = new Object();
    private Admin groupsAdmin;

    @Activate
    public KafkaReceiverWhiteboardComponent(@Reference(name = "connector") KafkaConnector connector,
            @Reference(name = "reconfiguration") ConnectorReconfiguration reconfiguration,
            ReceiversConfiguration configuration) {
        this.connector = connector;
        this.reconfiguration = reconfiguration;
        this.identity = connector.identity();
        this.backoff = new RetryBackoff(configuration.retry_attempts(),
                Duration.ofMillis(configuration.retry_initial_backoff_ms()),
                Duration.ofMillis(configuration.retry_max_backoff_ms()));
        this.deadLetterSuffix = requireSuffix(configuration.dead_letter_suffix());
        this.deadLetterTimeout = Duration.ofMillis(configuration.dead_letter_timeout_ms());
        this.autoOffsetReset = requireReset(configuration.auto_offset_reset());
        this.pollTimeout = Duration.ofMillis(configuration.poll_timeout_ms());
        this.stopTimeout = Duration.ofMillis(configuration.stop_timeout_ms());
        reconfiguration.addListener(reconnect);
    }

    @Reference(service = KafkaMessageReceiver.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "removeReceiver", updated = "updateReceiver")
    synchronized void addReceiver(KafkaMessageReceiver receiver, Map<String, Object> properties) {
        ReceiverSubscription subscription;
        try {
            subscription = ReceiverSubscription.from(properties, receiver.getClass());
        } catch (IllegalArgumentException e) {
            LOG.error("Receiver {} (service {}) gets no records: {}", receiver.getClass().getName(),
                    properties.get(SERVICE_ID), e.getMessage());
            return;
        }
        synchronized (running) {
            if (deactivated) {
                return;
            }
            String groupId = subscription.groupId(identity.layer());
            running.values().stream().filter(other -> other.groupId.equals(groupId)).findAny().ifPresent(other ->
                    LOG.warn("Receivers {} and {} share the consumer group {} and will split its partitions; "
                            + "give one of them a distinct {} property", properties.get(SERVICE_ID), other.properties.get(SERVICE_ID),
                            groupId, ReceiverSubscription.GROUP));
            ReceiverLoop loop = new ReceiverLoop(() -> newConsumer(groupId, properties.get(SERVICE_ID)), receiver,
                    subscription, backoff, subscription.topic() + deadLetterSuffix, this::publishDeadLetter, pollTimeout,
                    () -> carryOverLegacyOffsets(subscription, groupId));
            Thread thread = new Thread(loop, subscription.threadName());
            thread.setDaemon(true);
            // The consumer lives on this thread: kafka-clients resolves classes through the TCCL when it
            // creates, re-authenticates and closes it, and a foreign or null loader breaks that.
            thread.setContextClassLoader(Consumer.class.getClassLoader());
            running.put(properties.get(SERVICE_ID), new Running(receiver, properties, subscription, groupId, loop, thread));
            thread.start();
            LOG.info("Receiver {} consumes {}{} in group {}", receiver.getClass().getName(), subscription.topic(),
                    subscription.key() == null ? "" : " (key " + subscription.key() + ")", groupId);
        }
    }

    synchronized void updateReceiver(KafkaMessageReceiver receiver, Map<String, Object> properties) {
        Running current;
        synchronized (running) {
            current = running.get(properties.get(SERVICE_ID));
        }
        ReceiverSubscription changed;
        try {
            changed = ReceiverSubscription.from(properties, receiver.getClass());
        } catch (IllegalArgumentException e) {
            changed = null;
        }
        if (current == null || !Objects.equals(current.subscription, changed)) {
            removeReceiver(receiver, properties);
            addReceiver(receiver, properties);
        }
    }

    synchronized void removeReceiver(KafkaMessageReceiver receiver, Map<String, Object> properties) {
        Running removed;
        synchronized (running) {
            removed = running.remove(properties.get(SERVICE_ID));
        }
        if (removed != null) {
            removed.loop.stop();
            awaitEnd(removed);
        }
    }

    /**
     * Gives every receiver a consumer with the connector's new settings. Each loop commits what its
     * receiver finished before it stops, so the new consumer resumes right after. Synchronized with
     * the DS callbacks, so a receiver unregistered meanwhile is not brought back.
     */
    private synchronized void reconnectAll() {
        List<Running> all;
        synchronized (running) {
            all = new ArrayList<>(running.values());
        }
        LOG.info("The Kafka connector was reconfigured: {} receivers reconnect", all.size());
        all.forEach(each -> removeReceiver(each.receiver, each.properties));
        // Replaced only once no receiver uses it, so that none meets a closed client.
        closeGroupsAdmin();
        all.forEach(each -> addReceiver(each.receiver, each.properties));
    }

    @Deactivate
    void deactivate() {
        reconfiguration.removeListener(reconnect);
        List<Running> all;
        synchronized (running) {
            deactivated = true;
            all = new ArrayList<>(running.values());
            running.clear();
        }
        // Every loop is asked first so that they wind down together.
        all.forEach(each -> each.loop.stop());
        all.forEach(this::awaitEnd);
        closeGroupsAdmin();
    }

    private Consumer<byte[], byte[]> newConsumer(String groupId, Object serviceId) {
        Map<String, Object> overrides = Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.CLIENT_ID_CONFIG, groupId + "-" + identity.nodeId() + "-" + serviceId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, autoOffsetReset);
        return connector.newConsumer(overrides, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Runs on the receiver's thread before its consumer joins the group: a receiver that committed
     * offsets under its former, ambiguous group id resumes from them.
     */
    private void carryOverLegacyOffsets(ReceiverSubscription subscription, String groupId) throws Exception {
        String legacyGroupId = subscription.legacyGroupId(identity.layer());
        Map<TopicPartition, OffsetAndMetadata> carried = new LegacyGroupOffsets(new AdminGroups(groupsAdmin()),
                legacyGroupId, groupId, subscription.topic()).carryOver();
        if (!carried.isEmpty()) {
            LOG.info("Receiver {}: carried the offsets {} committed by its former consumer group {} over to {}",
                    subscription.threadName(), carried, legacyGroupId, groupId);
        }
    }

    /**
     * One admin client for every receiver's group preparation, created on first use: receivers that
     * retry against an unreachable cluster must not create (and log) a client per attempt.
     */
    private Admin groupsAdmin() {
        synchronized (adminLock) {
            if (groupsAdmin == null) {
                groupsAdmin = connector.newAdmin(Map.of(AdminClientConfig.CLIENT_ID_CONFIG,
                        "hyperiot-" + identity.layer() + "-" + identity.nodeId() + "-receiver-groups"));
            }
            return groupsAdmin;
        }
    }

    private void closeGroupsAdmin() {
        Admin closing;
        synchronized (adminLock) {
            closing = groupsAdmin;
            groupsAdmin = null;
        }
        if (closing != null) {
            ClassLoader previous = Thread.currentThread().getContextClassLoader();
            Thread.currentThread().setContextClassLoader(Admin.class.getClassLoader());
            try {
                closing.close(Duration.ofSeconds(5));
            } finally {
                Thread.currentThread().setContextClassLoader(previous);
            }
        }
    }

    private void publishDeadLetter(ProducerRecord<byte[], byte[]> record) throws Exception {
        connector.send(record).toCompletableFuture().get(deadLetterTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void awaitEnd(Running stopped) {
        try {
            stopped.thread.join(stopTimeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopped.thread.isAlive()) {
            LOG.warn("Receiver thread {} is still handling a record after {}; it will close its consumer when done",
                    stopped.thread.getName(), stopTimeout);
        }
    }

    private static String requireSuffix(String suffix) {
        if (suffix == null || suffix.isEmpty()) {
            throw new IllegalArgumentException("dead.letter.suffix must not be empty: the dead letters would go back "
                    + "to the topic they came from");
        }
        return suffix;
    }

    private static String requireReset(String reset) {
        if (!"earliest".equals(reset) && !"latest".equals(reset)) {
            throw new IllegalArgumentException("auto.offset.reset must be earliest or latest, not " + reset);
        }
        return reset;
    }

    /** Consumer groups through an admin client, each call bounded by {@link #ADMIN_TIMEOUT}. */
    private record AdminGroups(Admin admin) implements LegacyGroupOffsets.Groups {

        @Override
        public Map<TopicPartition, OffsetAndMetadata> committed(String groupId) throws Exception {
            return admin.listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions()
                    .timeoutMs((int) ADMIN_TIMEOUT.toMillis())).partitionsToOffsetAndMetadata()
                    .get(ADMIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
        }

        @Override
        public void commit(String groupId, Map<TopicPartition, OffsetAndMetadata> offsets) throws Exception {
            try {
                admin.alterConsumerGroupOffsets(groupId, offsets, new AlterConsumerGroupOffsetsOptions()
                        .timeoutMs((int) ADMIN_TIMEOUT.toMillis())).all()
                        .get(ADMIN_TIMEOUT.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                // Another node of the layer joined the group first; it carried the offsets over before it did.
                if (!(e.getCause() instanceof GroupNotEmptyException)) {
                    throw e;
                }
            }
        }
    }

    private record Running(KafkaMessageReceiver receiver, Map<String, Object> properties,
            ReceiverSubscription subscription, String groupId, ReceiverLoop loop, Thread thread) {
    }
}
