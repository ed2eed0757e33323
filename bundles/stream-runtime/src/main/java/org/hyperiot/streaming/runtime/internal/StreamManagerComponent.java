package org.hyperiot.streaming.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.api.StreamSummary;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.engine.definition.StreamDefinitionValidator;
import org.hyperiot.streaming.runtime.internal.kafka.ProcessorCatalog;
import org.hyperiot.streaming.runtime.internal.store.RuntimeStores;
import org.hyperiot.streaming.runtime.internal.store.RuntimeStores.NodeReport;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link StreamManager} of a node. Definitions live in a compacted topic every node reads; each
 * node reconciles what its engines run with what is stored there (one thread, in the order of the
 * topic), and reports its tasks and counters to the status topic, from which any node answers
 * status and metrics for the whole cluster. Nothing durable is kept on the node itself.
 */
@Component(service = StreamManager.class, configurationPid = RuntimeConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = RuntimeConfiguration.class)
public class StreamManagerComponent implements StreamManager {

    private static final Logger LOG = LoggerFactory.getLogger(StreamManagerComponent.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PURGE_WAIT = Duration.ofSeconds(60);

    private final ProcessorCatalog catalog;
    private final String nodeId;
    private final long statusIntervalMs;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, StreamEngine> engines = new ConcurrentHashMap<>();
    /** The generation each stream was last started with on this node. */
    private final Map<String, Long> applied = new ConcurrentHashMap<>();
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "hyperiot-stream-reconciler"));
    private final RuntimeStores stores;
    private volatile boolean loaded;

    @Activate
    public StreamManagerComponent(@Reference KafkaConnector connector, @Reference KafkaTopicAdmin topicAdmin,
            @Reference ProcessorCatalog catalog, RuntimeConfiguration configuration) {
        this.catalog = catalog;
        this.nodeId = connector.identity().nodeId();
        this.statusIntervalMs = configuration.status_interval_ms();
        this.stores = new RuntimeStores(connector, topicAdmin, configuration.definitions_topic(),
                configuration.status_topic(), configuration.replication_factor(),
                name -> reconciler.execute(() -> reconcile(name)));
        reconciler.scheduleWithFixedDelay(this::reportAll, statusIntervalMs, statusIntervalMs, TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        reconciler.shutdownNow();
        reconciler.awaitTermination(10, TimeUnit.SECONDS);
        stores.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addEngine(StreamEngine engine, Map<String, Object> properties) {
        Object name = properties.get(StreamEngine.ENGINE_PROPERTY);
        if (name instanceof String engineName) {
            engines.put(engineName, engine);
            // Streams stored before their engine arrived can run now.
            reconciler.execute(() -> stores.streams().stream()
                    .filter(stream -> stream.definition().engine().jsonName().equals(engineName))
                    .forEach(stream -> reconcile(stream.definition().name())));
        }
    }

    void removeEngine(StreamEngine engine, Map<String, Object> properties) {
        // Its streams stopped with it; addEngine reconciles them again when it comes back.
        engines.remove(String.valueOf(properties.get(StreamEngine.ENGINE_PROPERTY)), engine);
    }

    @Override
    public StreamDefinition create(StreamDefinition definition) {
        requireRunnable(definition);
        awaitDefinitions();
        if (stores.stream(definition.name()).isPresent()) {
            throw new StreamExistsException(definition.name());
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
        List<ValidationError> unregistered = catalog.unregistered(definition);
        if (!unregistered.isEmpty()) {
            throw new InvalidStreamDefinitionException(unregistered);
        }
    }

    @Override
    public void delete(String name, boolean purgeState) {
        StoredStream current = require(name);
        try {
            stores.deleteStream(name, WRITE_TIMEOUT);
        } catch (TimeoutException e) {
            throw unavailable(e);
        }
        if (purgeState) {
            awaitHaltedEverywhere(name);
            StreamEngine engine = engines.get(current.definition().engine().jsonName());
            if (engine == null) {
                throw new StreamingException("stream '" + name + "' was deleted, but its state cannot be purged: engine "
                        + current.definition().engine().jsonName() + " is not installed");
            }
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
        awaitLoaded();
        return stores.streams().stream()
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
        return status(require(name));
    }

    @Override
    public StreamMetrics metrics(String name) {
        require(name);
        long in = 0;
        long out = 0;
        double inRate = 0;
        double outRate = 0;
        long late = 0;
        long dead = 0;
        long lag = 0;
        long commits = 0;
        Double p50 = null;
        Double p99 = null;
        Long watermark = null;
        List<StreamMetrics.Task> tasks = new ArrayList<>();
        for (NodeReport report : liveReports(name)) {
            StreamMetrics m = report.metrics();
            if (m == null) {
                continue;
            }
            in += m.recordsIn();
            out += m.recordsOut();
            inRate += m.recordsInPerSecond();
            outRate += m.recordsOutPerSecond();
            late += m.late();
            dead += m.deadLettered();
            lag += m.lag();
            commits += m.commits();
            // Quantiles cannot be merged from quantiles; the worst node's is the honest upper bound.
            p50 = max(p50, m.latencyP50Ms());
            p99 = max(p99, m.latencyP99Ms());
            if (m.watermark() != null) {
                watermark = watermark == null ? m.watermark() : Math.min(watermark, m.watermark());
            }
            tasks.addAll(m.tasks());
        }
        return new StreamMetrics(name, in, out, inRate, outRate, late, dead, lag, p50, p99, watermark, commits, tasks);
    }

    @Override
    public List<ProcessorInfo> processors() {
        return catalog.list();
    }

    private StreamStatus status(StoredStream stream) {
        String name = stream.definition().name();
        List<TaskStatus> tasks = new ArrayList<>();
        liveReports(name).forEach(report -> tasks.addAll(report.tasks()));
        tasks.sort(Comparator.comparing(TaskStatus::task).thenComparing(TaskStatus::node));
        String lastError = tasks.stream().map(TaskStatus::lastError).filter(e -> e != null).findFirst().orElse(null);
        StreamState state = switch (stream.desired()) {
            case CREATED -> StreamState.CREATED;
            case STOPPED -> StreamState.STOPPED;
            case RUNNING -> runningState(stream, tasks);
        };
        return new StreamStatus(name, state, tasks, lastError);
    }

    private StreamState runningState(StoredStream stream, List<TaskStatus> tasks) {
        if (!engines.containsKey(stream.definition().engine().jsonName()) && tasks.isEmpty()) {
            return StreamState.WAITING;
        }
        Set<StreamState> states = new HashSet<>();
        tasks.forEach(task -> states.add(task.state()));
        if (states.contains(StreamState.FAILED)) {
            return StreamState.FAILED;
        }
        if (states.contains(StreamState.WAITING)) {
            return StreamState.WAITING;
        }
        if (!tasks.isEmpty() && states.equals(Set.of(StreamState.RUNNING))) {
            return StreamState.RUNNING;
        }
        return StreamState.REBALANCING;
    }

    /** Reports recent enough to come from a live node: three report intervals plus slack. */
    private List<NodeReport> liveReports(String name) {
        return stores.reports(name, clock.millis() - 3 * statusIntervalMs - 5000);
    }

    /** Brings this node's engines in line with the stored stream; runs on the reconciler thread. */
    private void reconcile(String name) {
        Optional<StoredStream> stored = stores.stream(name);
        try {
            if (stored.isEmpty() || stored.get().desired() != Desired.RUNNING) {
                applied.remove(name);
                engines.values().forEach(engine -> engine.halt(name));
                report(name);
                return;
            }
            StoredStream stream = stored.get();
            StreamEngine engine = engines.get(stream.definition().engine().jsonName());
            if (engine == null) {
                LOG.warn("Stream {} waits for engine {}, which is not installed on node {}", name,
                        stream.definition().engine().jsonName(), nodeId);
                return;
            }
            Long generation = applied.get(name);
            if (generation != null && generation != stream.generation()) {
                engine.halt(name);
            }
            engine.run(stream.definition());
            applied.put(name, stream.generation());
            report(name);
        } catch (RuntimeException e) {
            LOG.error("Node {} could not apply stream {}", nodeId, name, e);
        }
    }

    private void reportAll() {
        try {
            for (StoredStream stream : stores.streams()) {
                report(stream.definition().name());
            }
        } catch (RuntimeException e) {
            LOG.debug("Status report failed: {}", e.toString());
        }
    }

    private void report(String name) {
        List<TaskStatus> tasks = new ArrayList<>();
        StreamMetrics metrics = null;
        for (StreamEngine engine : engines.values()) {
            tasks.addAll(engine.tasks(name));
            Optional<StreamMetrics> local = engine.metrics(name);
            if (local.isPresent()) {
                metrics = local.get();
            }
        }
        if (tasks.isEmpty() && metrics == null) {
            if (reported.remove(name)) {
                stores.clearReport(name, nodeId);
            }
            return;
        }
        reported.add(name);
        stores.report(new NodeReport(nodeId, name, clock.millis(), tasks, metrics));
    }

    private void awaitHaltedEverywhere(String name) {
        long deadline = clock.millis() + PURGE_WAIT.toMillis();
        while (clock.millis() < deadline) {
            if (liveReports(name).stream().allMatch(report -> report.tasks().isEmpty())) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new StreamingException("stream '" + name + "' was deleted, but nodes still ran it after " + PURGE_WAIT
                + "; its state was not purged");
    }

    private StoredStream require(String name) {
        awaitLoaded();
        return stores.stream(name).orElseThrow(() -> new StreamNotFoundException(name));
    }

    /** Waits until this node has read every definition written so far: before deciding a name is free. */
    private void awaitDefinitions() {
        try {
            stores.awaitDefinitions(WRITE_TIMEOUT);
            loaded = true;
        } catch (TimeoutException e) {
            throw unavailable(e);
        }
    }

    /**
     * Reads need the definitions loaded once; after that this node's view trails the topic by a poll
     * at most, and its own writes are visible as soon as they return.
     */
    private void awaitLoaded() {
        if (!loaded) {
            awaitDefinitions();
        }
    }

    private void write(StoredStream stream) {
        try {
            stores.putStream(stream, WRITE_TIMEOUT);
        } catch (TimeoutException e) {
            throw unavailable(e);
        }
    }

    private static StreamingException unavailable(TimeoutException e) {
        return new StreamingException("Kafka is unavailable: " + e.getMessage(), e);
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
