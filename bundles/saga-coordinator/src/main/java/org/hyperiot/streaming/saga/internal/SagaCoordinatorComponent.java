package org.hyperiot.streaming.saga.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

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
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaMetrics;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.StartedSaga;
import org.hyperiot.streaming.saga.internal.coordinator.CoordinatorAttempt;
import org.hyperiot.streaming.saga.internal.coordinator.CoordinatorMetrics;
import org.hyperiot.streaming.saga.internal.coordinator.LatencyRecorder;
import org.hyperiot.streaming.saga.internal.view.SagaLogView;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's saga coordinator: it takes its share of the saga log's partitions through the
 * coordinators' consumer group and runs their sagas ({@link CoordinatorAttempt} in an
 * {@link AttemptLoop}, one per configured coordinator thread), keeps a view of every saga of the cluster ({@link SagaLogView}), and offers the
 * {@link SagaCoordinator} service over both ({@link ClusterSagaCoordinator}).
 */
@Component(service = {SagaCoordinator.class, HealthContributor.class}, configurationPid = SagaConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = SagaConfiguration.class)
public class SagaCoordinatorComponent implements SagaCoordinator, HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(SagaCoordinatorComponent.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration MIN_SETTLED_RETENTION = Duration.ofMinutes(1);
    /** More loops than this would each hold a consumer, a producer and a thread for a share of at most a partition. */
    private static final int MAX_COORDINATOR_THREADS = 32;
    /** The view retries often: a start request waits for it, and a new cluster has no saga log for a moment. */
    private static final Duration VIEW_MAX_BACKOFF = Duration.ofSeconds(2);

    private final SagaLogView view;
    private final Producer<String, byte[]> requests;
    /** The coordinator loops of this node, each with what it did. */
    private final List<AttemptLoop> coordinators = new ArrayList<>();
    private final List<CoordinatorMetrics> metrics = new ArrayList<>();
    private final ClusterSagaCoordinator service;

    @Activate
    public SagaCoordinatorComponent(@Reference KafkaConnector connector, @Reference KafkaTopicAdmin topicAdmin,
            @Reference SagaDefinitionRegistry definitions, SagaConfiguration configuration) {
        String nodeId = connector.identity().nodeId();
        SagaTopicSetup topics = new SagaTopicSetup(topicAdmin, configuration.partitions(),
                configuration.replication_factor(), configuration.handled_retention_ms());
        this.view = new SagaLogView(() -> connector.newConsumer(SagaClientConfigs.reader("hyperiot-saga-view-" + nodeId),
                new StringDeserializer(), new ByteArrayDeserializer()), VIEW_MAX_BACKOFF);
        this.requests = connector.newProducer(SagaClientConfigs.requestProducer("hyperiot-saga-requests-" + nodeId),
                new StringSerializer(), new ByteArraySerializer());
        this.service = new ClusterSagaCoordinator(definitions, view, topics, requests,
                Duration.ofMillis(configuration.start_timeout_ms()));
        int threads = coordinatorThreads(configuration);
        for (int loop = 0; loop < threads; loop++) {
            CoordinatorMetrics counts = new CoordinatorMetrics();
            metrics.add(counts);
            coordinators.add(coordinatorLoop(connector, configuration, topics, nodeId, loop, counts));
        }
        view.start();
        coordinators.forEach(AttemptLoop::start);
    }

    private static AttemptLoop coordinatorLoop(KafkaConnector connector, SagaConfiguration configuration,
            SagaTopicSetup topics, String nodeId, int loop, CoordinatorMetrics metrics) {
        String suffix = nodeId + (loop == 0 ? "" : "-" + loop);
        String clientId = "hyperiot-saga-coordinator-" + suffix;
        // Restores read the log partitions a loop takes over, with a reader of its own.
        Supplier<Consumer<String, byte[]>> readers = () -> connector.newConsumer(
                SagaClientConfigs.reader("hyperiot-saga-reader-" + suffix), new StringDeserializer(),
                new ByteArrayDeserializer());
        Duration restoreTimeout = Duration.ofMillis(Math.max(60000, 3L * configuration.transaction_timeout_ms()));
        return new AttemptLoop("Saga coordinator" + (loop == 0 ? "" : " " + loop), clientId, () -> {
            topics.ensureCoordinatorTopics();
            Consumer<String, byte[]> events = connector.newConsumer(SagaClientConfigs.groupConsumer(
                    SagaTopics.COORDINATOR_GROUP, clientId, configuration.session_timeout_ms(), 500),
                    new StringDeserializer(), new ByteArrayDeserializer());
            Producer<String, byte[]> producer;
            try {
                producer = connector.newProducer(SagaClientConfigs.transactionalProducer(
                        SagaTopics.coordinatorTransactionalId(nodeId, loop), clientId,
                        configuration.transaction_timeout_ms()), new StringSerializer(), new ByteArraySerializer());
            } catch (RuntimeException e) {
                events.close();
                throw e;
            }
            HangingTransactionWatch watch = HangingTransactionWatch.onOwnClient("Saga coordinator" + (loop == 0 ? "" : " " + loop),
                    () -> connector.newAdmin(SagaClientConfigs.admin(clientId)),
                    Duration.ofMillis(configuration.transaction_timeout_ms()));
            return new CoordinatorAttempt(events, producer, readers, watch, topics, Clock.systemUTC(), restoreTimeout,
                    settledRetention(configuration), metrics);
        }, Duration.ofMillis(configuration.max_retry_backoff_ms()));
    }

    /** The coordinator loops to run: as configured, within 1 to {@value #MAX_COORDINATOR_THREADS}. */
    static int coordinatorThreads(SagaConfiguration configuration) {
        int wanted = configuration.coordinator_threads();
        int threads = Math.min(Math.max(1, wanted), MAX_COORDINATOR_THREADS);
        if (threads != wanted) {
            LOG.warn("Saga coordinator: coordinator.threads={} is out of range; {} coordinator loops run", wanted, threads);
        }
        return threads;
    }

    /**
     * How long settled sagas stay: as configured, but never less than a minute nor than a start waits for
     * its saga, so that the start, and a repeat of it with the same idempotency key, still find the saga.
     */
    static Duration settledRetention(SagaConfiguration configuration) {
        long least = Math.max(MIN_SETTLED_RETENTION.toMillis(), configuration.start_timeout_ms());
        if (configuration.settled_retention_ms() < least) {
            LOG.warn("Saga coordinator: settled.retention.ms={} is too short; settled sagas are kept {} ms",
                    configuration.settled_retention_ms(), least);
            return Duration.ofMillis(least);
        }
        return Duration.ofMillis(configuration.settled_retention_ms());
    }

    @Deactivate
    void deactivate() {
        coordinators.parallelStream().forEach(loop -> loop.stop(STOP_TIMEOUT));
        view.close();
        requests.close(Duration.ofSeconds(5));
    }

    @Override
    public StartedSaga start(String definitionName, Map<String, Object> input, String idempotencyKey) {
        return service.start(definitionName, input, idempotencyKey);
    }

    @Override
    public SagaInfo get(String sagaId) {
        return service.get(sagaId);
    }

    @Override
    public SagaPage list(SagaFilter filter, String pageToken, int limit) {
        return service.list(filter, pageToken, limit);
    }

    @Override
    public void cancel(String sagaId) {
        service.cancel(sagaId);
    }

    @Override
    public void retry(String sagaId) {
        service.retry(sagaId);
    }

    @Override
    public void skip(String sagaId) {
        service.skip(sagaId);
    }

    @Override
    public SagaMetrics metrics() {
        LatencyRecorder stepLatency = LatencyRecorder.sum(metrics.stream().map(CoordinatorMetrics::stepLatency).toList());
        return new SagaMetrics(view.countsByDefinition(), sum(CoordinatorMetrics::commandsSent),
                sum(CoordinatorMetrics::retries), sum(CoordinatorMetrics::compensationsSent),
                sum(CoordinatorMetrics::timeouts), sum(CoordinatorMetrics::stepsCompleted),
                stepLatency.percentileMs(0.5), stepLatency.percentileMs(0.99), ownedPartitions().size());
    }

    private long sum(ToLongFunction<CoordinatorMetrics> counter) {
        return metrics.stream().mapToLong(counter).sum();
    }

    private Set<Integer> ownedPartitions() {
        Set<Integer> owned = new TreeSet<>();
        metrics.forEach(loop -> owned.addAll(loop.ownedPartitions()));
        return owned;
    }

    @Override
    public String component() {
        return "sagaCoordinator";
    }

    @Override
    public ComponentHealth health() {
        Map<String, String> details = Map.of("ownedPartitions", ownedPartitions().toString(),
                "coordinatorThreads", Integer.toString(coordinators.size()),
                "sagaLogRead", Boolean.toString(view.caughtUp()));
        String coordinatorProblem = coordinators.stream().map(AttemptLoop::problem).filter(Objects::nonNull)
                .findFirst().orElse(null);
        String viewProblem = view.problem();
        Instant now = Instant.now();
        if (coordinatorProblem != null) {
            return ComponentHealth.down("the coordinator is not running: " + coordinatorProblem, details, now);
        }
        if (viewProblem != null) {
            return ComponentHealth.down("the saga log cannot be read: " + viewProblem, details, now);
        }
        return ComponentHealth.up(details, now);
    }
}
