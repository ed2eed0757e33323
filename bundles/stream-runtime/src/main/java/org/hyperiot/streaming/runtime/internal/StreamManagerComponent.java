package org.hyperiot.streaming.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamLimitReachedException;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.api.StreamSummary;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.StreamsUnavailableException;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.api.health.HealthContributor;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.engine.definition.StreamDefinitionValidator;
import org.hyperiot.streaming.kafka.support.UnfitTopicException;
import org.hyperiot.streaming.runtime.internal.kafka.ProcessorCatalog;
import org.hyperiot.streaming.runtime.internal.store.DefinitionStore;
import org.hyperiot.streaming.runtime.internal.store.KafkaDefinitionStore;
import org.hyperiot.streaming.runtime.internal.store.KafkaStatusStore;
import org.hyperiot.streaming.runtime.kafka.NodeReport;
import org.hyperiot.streaming.runtime.internal.store.StatusStore;
import org.hyperiot.streaming.runtime.internal.store.StoredStream;
import org.hyperiot.streaming.runtime.internal.store.StoredStream.Desired;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link StreamManager} of a node. Definitions live in a {@link DefinitionStore} every node
 * reads (a compacted topic); the {@link StreamReconciler} makes this node's engines run what is
 * stored there and reports to a {@link StatusStore}, from which any node answers status and metrics
 * for the whole cluster through the {@link NodeReportAggregator}. Nothing durable is kept on the
 * node itself. This class checks requests and records them; it runs nothing itself.
 *
 * <p>The two topics are checked before they are used ({@link RuntimeHealth}): while either is unfit
 * (its cleanup policy would delete definitions, say), every stream request is refused with
 * {@link StreamsUnavailableException} saying what to fix, no stream starts on this node, and the
 * component reports itself down in {@code GET /health} as {@value RuntimeHealth#COMPONENT}.
 */
@Component(service = {StreamManager.class, HealthContributor.class}, configurationPid = RuntimeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RuntimeConfiguration.class)
public class StreamManagerComponent implements StreamManager, HealthContributor {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PURGE_WAIT = Duration.ofSeconds(60);
    private static final long PURGE_POLL_MS = 200;

    private final ProcessorCatalog catalog;
    private final DefinitionStore definitions;
    private final StatusStore statuses;
    private final StreamReconciler reconciler;
    private final NodeReportAggregator aggregator;
    private final int maxStreams;
    private final Clock clock;
    private volatile boolean loaded;

    @Activate
    public StreamManagerComponent(@Reference KafkaConnector connector, @Reference KafkaTopicAdmin topicAdmin,
            @Reference ProcessorCatalog catalog, RuntimeConfiguration configuration) {
        this(connector.identity().nodeId(),
                new KafkaDefinitionStore(connector, topicAdmin, configuration.definitions_topic(),
                        configuration.replication_factor()),
                new KafkaStatusStore(connector, topicAdmin, configuration.status_topic(),
                        configuration.replication_factor()),
                catalog, Duration.ofMillis(configuration.status_interval_ms()), configuration.max_streams(),
                Clock.systemUTC());
    }

    /**
     * A manager on the given stores; starts reconciling at once.
     *
     * @param maxStreams the most streams the cluster may hold, and this node run
     */
    StreamManagerComponent(String nodeId, DefinitionStore definitions, StatusStore statuses, ProcessorCatalog catalog,
            Duration reportInterval, int maxStreams, Clock clock) {
        this.catalog = catalog;
        this.definitions = definitions;
        this.statuses = statuses;
        this.maxStreams = maxStreams;
        this.clock = clock;
        this.aggregator = new NodeReportAggregator(reportInterval);
        this.reconciler = new StreamReconciler(nodeId, definitions, statuses, reportInterval, maxStreams, clock,
                () -> topicsHealth().notReady());
        reconciler.start();
    }

    /** The reconciler of this manager, for tests that wait until it applied a change. */
    StreamReconciler reconciler() {
        return reconciler;
    }

    @Deactivate
    void deactivate() {
        reconciler.close();
        definitions.close();
        statuses.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngine(StreamEngine engine, Map<String, Object> properties) {
        if (properties.get(StreamEngine.ENGINE_PROPERTY) instanceof String engineName) {
            reconciler.addEngine(engineName, engine);
        }
    }

    void removeEngine(StreamEngine engine, Map<String, Object> properties) {
        reconciler.removeEngine(String.valueOf(properties.get(StreamEngine.ENGINE_PROPERTY)), engine);
    }

    @Override
    public String component() {
        return RuntimeHealth.COMPONENT;
    }

    @Override
    public ComponentHealth health() {
        return topicsHealth().component();
    }

    private RuntimeHealth topicsHealth() {
        return new RuntimeHealth(definitions.topicVerdict(), statuses.topicVerdict());
    }

    /** Refuses at once while a topic is unfit, instead of waiting for a store that will not be read. */
    private void requireFitTopics() {
        Optional<String> unfit = topicsHealth().unfit();
        if (unfit.isPresent()) {
            throw new StreamsUnavailableException(unfit.get());
        }
    }

    @Override
    public List<ValidationError> refusals(StreamDefinition definition) {
        List<ValidationError> refusals = new ArrayList<>(catalog.unregistered(definition));
        // An engine installed here says what of a valid definition it cannot run (storm: custom processors).
        reconciler.engine(definition.engine().jsonName()).ifPresent(engine -> refusals.addAll(engine.refusals(definition)));
        return refusals;
    }

    @Override
    public StreamDefinition create(StreamDefinition definition) {
        requireRunnable(definition);
        awaitDefinitions();
        if (definitions.get(definition.name()).isPresent()) {
            throw new StreamExistsException(definition.name());
        }
        int stored = definitions.list().size();
        if (stored >= maxStreams) {
            // Every node runs every stream asked to run, so more than a node may run cannot be stored usefully.
            throw new StreamLimitReachedException(maxStreams, "the cluster holds " + stored + " streams, the most "
                    + "that the runtime's max.streams setting allows (" + maxStreams + "); delete a "
                    + "stream, or raise max.streams on every node");
        }
        write(new StoredStream(definition, Desired.CREATED, 0, clock.millis()));
        return definition;
    }

    @Override
    public StreamDefinition update(StreamDefinition definition) {
        requireRunnable(definition);
        StoredStream current = require(definition.name());
        write(new StoredStream(definition, current.desired(), current.generation(), clock.millis()));
        return definition;
    }

    /**
     * Valid, and every processor and aggregator it names registered here: as Kafka Connect refuses a
     * connector whose plugin is not installed, a stream cannot be stored before its processors are.
     * Once stored, a processor that goes away makes the stream wait instead.
     */
    private void requireRunnable(StreamDefinition definition) {
        StreamDefinitionValidator.requireValid(definition);
        List<ValidationError> refusals = refusals(definition);
        if (!refusals.isEmpty()) {
            throw new InvalidStreamDefinitionException(refusals);
        }
    }

    @Override
    public void delete(String name, boolean purgeState) {
        StoredStream current = require(name);
        try {
            definitions.delete(name, WRITE_TIMEOUT);
        } catch (TimeoutException e) {
            throw unavailable(e);
        } catch (UnfitTopicException e) {
            throw new StreamsUnavailableException(e.getMessage());
        }
        if (purgeState) {
            String engineName = current.definition().engine().jsonName();
            // Purging under a node that still runs the stream would let it recreate what was deleted.
            awaitHaltedEverywhere(current);
            StreamEngine engine = reconciler.engine(engineName).orElseThrow(() -> new StreamingException("stream '"
                    + name + "' was deleted, but its state cannot be purged: engine " + engineName + " is not installed"));
            engine.purge(current.definition());
        }
    }

    @Override
    public void start(String name) {
        StoredStream current = require(name);
        if (current.desired() != Desired.RUNNING) {
            write(current.with(Desired.RUNNING, clock.millis()));
        }
    }

    @Override
    public void stop(String name) {
        StoredStream current = require(name);
        if (current.desired() == Desired.RUNNING) {
            write(current.with(Desired.STOPPED, clock.millis()));
        }
    }

    @Override
    public void restart(String name) {
        StoredStream current = require(name);
        write(new StoredStream(current.definition(), Desired.RUNNING, current.generation() + 1, clock.millis()));
    }

    @Override
    public List<StreamSummary> list() {
        requireFitTopics();
        awaitLoaded();
        return definitions.list().stream()
                .sorted(Comparator.comparing(stream -> stream.definition().name()))
                .map(stream -> new StreamSummary(stream.definition().name(), status(stream).state(),
                        stream.definition().engine(), stream.definition().guarantee()))
                .toList();
    }

    @Override
    public StreamDefinition get(String name) {
        return require(name).definition();
    }

    @Override
    public StreamStatus status(String name) {
        StoredStream stream = require(name);
        StreamStatus status = status(stream);
        return reconciler.engine(stream.definition().engine().jsonName())
                .flatMap(engine -> engine.stormTopology(name)).map(status::withTopology).orElse(status);
    }

    @Override
    public StreamMetrics metrics(String name) {
        StoredStream stream = require(name);
        long now = clock.millis();
        StreamMetrics metrics = aggregator.metrics(name, liveReports(stream, now), now);
        // Storm counts a topology's tuples itself; Nimbus answers any node, so the engine here asks it.
        return reconciler.engine(stream.definition().engine().jsonName())
                .flatMap(engine -> engine.stormTuples(name)).map(metrics::withStorm).orElse(metrics);
    }

    @Override
    public List<ProcessorInfo> processors() {
        return catalog.list();
    }

    private StreamStatus status(StoredStream stream) {
        String name = stream.definition().name();
        long now = clock.millis();
        boolean engineInstalled = reconciler.engine(stream.definition().engine().jsonName()).isPresent();
        return aggregator.status(stream, liveReports(stream, now), engineInstalled, now);
    }

    /**
     * The stream's live reports, leaving out those of bolt tasks of any Storm topology but the stream's
     * current one: the workers of a killed or replaced topology clear nothing, and their last reports would
     * show its tasks, running, for three more report intervals.
     */
    private List<NodeReport> liveReports(StoredStream stream, long now) {
        String name = stream.definition().name();
        List<NodeReport> reports = statuses.reports(name, aggregator.liveSince(now));
        if (reports.stream().allMatch(report -> report.topology() == null)) {
            return reports;
        }
        String current = reconciler.engine(stream.definition().engine().jsonName())
                .flatMap(engine -> engine.stormTopology(name)).map(TopologySummary::id).orElse(null);
        return reports.stream().filter(report -> report.topology() == null || report.topology().equals(current))
                .toList();
    }

    private void awaitHaltedEverywhere(StoredStream stream) {
        long deadline = System.nanoTime() + PURGE_WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<NodeReport> live = liveReports(stream, clock.millis());
            if (live.stream().allMatch(report -> report.tasks().isEmpty())) {
                return;
            }
            try {
                // The reports of other nodes arrive through the status store; there is nothing to wait on.
                Thread.sleep(PURGE_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new StreamingException("stream '" + stream.definition().name() + "' was deleted, but nodes still ran it "
                + "after " + PURGE_WAIT + "; its state was not purged");
    }

    private StoredStream require(String name) {
        requireFitTopics();
        awaitLoaded();
        return definitions.get(name).orElseThrow(() -> new StreamNotFoundException(name));
    }

    /** Waits until this node has read every definition written so far: before deciding a name is free. */
    private void awaitDefinitions() {
        requireFitTopics();
        try {
            definitions.awaitLoaded(WRITE_TIMEOUT);
            loaded = true;
        } catch (TimeoutException e) {
            throw unavailable(e);
        } catch (UnfitTopicException e) {
            throw new StreamsUnavailableException(e.getMessage());
        }
    }

    /**
     * Reads need the definitions loaded once; after that this node's view trails the store by a poll
     * at most, and its own writes are visible as soon as they return.
     */
    private void awaitLoaded() {
        if (!loaded) {
            awaitDefinitions();
        }
    }

    private void write(StoredStream stream) {
        requireFitTopics();
        try {
            definitions.put(stream, WRITE_TIMEOUT);
        } catch (TimeoutException e) {
            throw unavailable(e);
        } catch (UnfitTopicException e) {
            throw new StreamsUnavailableException(e.getMessage());
        }
    }

    private static StreamingException unavailable(TimeoutException e) {
        return new StreamingException("Kafka is unavailable: " + e.getMessage(), e);
    }
}
