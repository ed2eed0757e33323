package org.hyperiot.streaming.saga.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.api.health.HealthContributor;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.hyperiot.streaming.saga.internal.definition.SagaNames;
import org.hyperiot.streaming.saga.internal.participant.ParticipantAttempt;
import org.hyperiot.streaming.saga.internal.participant.ParticipantMetrics;
import org.hyperiot.streaming.saga.internal.participant.ParticipantDurations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this node's instances of the saga participants registered here: for each participant name, one
 * {@link ParticipantAttempt} loop in the participant's consumer group, so the instances of a name on
 * several nodes share its commands. A participant that goes away (its bundle stopped) leaves the group;
 * its commands wait in their topic for another instance, or for it to come back.
 */
@Component(service = HealthContributor.class, immediate = true, configurationPid = SagaConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ParticipantHostComponent implements HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantHostComponent.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_POLL_RECORDS = 200;

    private final KafkaConnector connector;
    private final SagaTopicSetup topics;
    private final SagaConfiguration configuration;
    private final String nodeId;
    /** The services of each name, in the order they came; the first one runs. */
    private final Map<String, List<SagaParticipant>> registered = new HashMap<>();
    private final Map<String, Running> running = new HashMap<>();
    private boolean active = true;

    private record Running(SagaParticipant participant, AttemptLoop loop, ParticipantMetrics metrics) {
    }

    @Activate
    public ParticipantHostComponent(@Reference KafkaConnector connector, @Reference KafkaTopicAdmin topicAdmin,
            SagaConfiguration configuration) {
        this.connector = connector;
        this.configuration = configuration;
        this.nodeId = connector.identity().nodeId();
        this.topics = new SagaTopicSetup(topicAdmin, configuration.partitions(), configuration.replication_factor(),
                configuration.handled_retention_ms());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addParticipant(SagaParticipant participant, Map<String, Object> properties) {
        String name = nameOf(participant, properties);
        if (name == null) {
            return;
        }
        synchronized (this) {
            registered.computeIfAbsent(name, key -> new ArrayList<>()).add(participant);
            reconcile(name);
        }
    }

    void removeParticipant(SagaParticipant participant, Map<String, Object> properties) {
        String name = nameOf(participant, properties);
        if (name == null) {
            return;
        }
        synchronized (this) {
            List<SagaParticipant> services = registered.get(name);
            if (services != null) {
                services.remove(participant);
                if (services.isEmpty()) {
                    registered.remove(name);
                }
            }
            reconcile(name);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        List<Running> all = new ArrayList<>(running.values());
        running.clear();
        all.parallelStream().forEach(instance -> instance.loop().stop(STOP_TIMEOUT));
    }

    /** What each participant instance of this node did, by name. */
    public synchronized Map<String, ParticipantMetrics> metrics() {
        Map<String, ParticipantMetrics> metrics = new HashMap<>();
        running.forEach((name, instance) -> metrics.put(name, instance.metrics()));
        return metrics;
    }

    /** Why each participant instance of this node is not working, for those that are not. */
    public synchronized Map<String, String> problems() {
        Map<String, String> problems = new HashMap<>();
        running.forEach((name, instance) -> {
            String problem = instance.loop().problem();
            if (problem != null) {
                problems.put(name, problem);
            }
        });
        return problems;
    }

    @Override
    public String component() {
        return "sagaParticipants";
    }

    @Override
    public synchronized ComponentHealth health() {
        Map<String, String> details = new java.util.TreeMap<>();
        running.forEach((name, instance) -> {
            ParticipantMetrics counts = instance.metrics();
            details.put(name, counts.executed() + " executed, " + counts.repeatedCommands() + " answered again, "
                    + counts.expiredCommands() + " past their deadline");
        });
        Map<String, String> problems = problems();
        if (!problems.isEmpty()) {
            return ComponentHealth.down("participants not working here: " + problems, details, java.time.Instant.now());
        }
        return ComponentHealth.up(details, java.time.Instant.now());
    }

    private void reconcile(String name) {
        if (!active) {
            return;
        }
        List<SagaParticipant> services = registered.getOrDefault(name, List.of());
        SagaParticipant wanted = services.isEmpty() ? null : services.get(0);
        Running current = running.get(name);
        if (current != null && current.participant() == wanted) {
            return;
        }
        if (current != null) {
            running.remove(name);
            // Leaving the group hands the participant's partitions to the other nodes' instances.
            current.loop().stop(STOP_TIMEOUT);
            LOG.info("Saga participant '{}' stopped on this node", name);
        }
        if (wanted != null) {
            ParticipantMetrics metrics = new ParticipantMetrics();
            AttemptLoop loop = new AttemptLoop("Saga participant '" + name + "'", "hyperiot-saga-participant-" + name,
                    () -> attempt(name, wanted, metrics), Duration.ofMillis(configuration.max_retry_backoff_ms()));
            running.put(name, new Running(wanted, loop, metrics));
            loop.start();
            LOG.info("Saga participant '{}' started on this node", name);
        }
    }

    private ParticipantAttempt attempt(String name, SagaParticipant participant, ParticipantMetrics metrics) {
        // Replies go to the events topic: it must exist with the coordinator's settings before a send.
        topics.ensureCoordinatorTopics();
        int partitions = topics.ensureCommandsTopic(name);
        topics.ensureHandledTopic(name, partitions);
        Consumer<String, byte[]> commands = connector.newConsumer(SagaClientConfigs.groupConsumer(
                SagaTopics.participantGroup(name), "hyperiot-saga-participant-" + name + "-" + nodeId,
                configuration.session_timeout_ms(), MAX_POLL_RECORDS), new StringDeserializer(), new ByteArrayDeserializer());
        Producer<String, byte[]> producer;
        try {
            producer = connector.newProducer(SagaClientConfigs.transactionalProducer(
                    SagaTopics.participantTransactionalId(name, nodeId), "hyperiot-saga-participant-" + name + "-" + nodeId,
                    configuration.transaction_timeout_ms()), new StringSerializer(), new ByteArraySerializer());
        } catch (RuntimeException e) {
            commands.close();
            throw e;
        }
        Duration restoreTimeout = Duration.ofMillis(Math.max(60000, 3L * configuration.transaction_timeout_ms()));
        HangingTransactionWatch watch = HangingTransactionWatch.onOwnClient("Saga participant '" + name + "'",
                () -> connector.newAdmin(SagaClientConfigs.admin("hyperiot-saga-participant-" + name + "-" + nodeId)),
                Duration.ofMillis(configuration.transaction_timeout_ms()));
        return new ParticipantAttempt(name, participant, commands, producer,
                () -> connector.newConsumer(SagaClientConfigs.reader("hyperiot-saga-handled-reader-" + nodeId),
                        new StringDeserializer(), new ByteArrayDeserializer()),
                watch, Clock.systemUTC(), new ParticipantDurations(restoreTimeout,
                        Duration.ofMillis(configuration.transaction_timeout_ms()),
                        Duration.ofMillis(configuration.handled_retention_ms())), metrics);
    }

    private static String nameOf(SagaParticipant participant, Map<String, Object> properties) {
        Object name = properties.get(SagaParticipant.PARTICIPANT_NAME);
        if (!(name instanceof String text) || !SagaNames.isName(text)) {
            LOG.error("Saga participant {} ignored: its service property {} must be a participant name (lower-case "
                    + "letters, digits, '.', '_' and '-', at most 63), not {}", participant.getClass().getName(),
                    SagaParticipant.PARTICIPANT_NAME, name);
            return null;
        }
        return text;
    }
}
