package org.hyperiot.streaming.runtime.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.runtime.internal.store.DefinitionStore;
import org.hyperiot.streaming.runtime.kafka.NodeReport;
import org.hyperiot.streaming.runtime.internal.store.StatusStore;
import org.hyperiot.streaming.runtime.internal.store.StoredStream;
import org.hyperiot.streaming.runtime.internal.store.StoredStream.Desired;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings this node's engines in line with the stored streams, as Kafka Connect's herder does with
 * its connectors: a stream stored {@code RUNNING} runs on its engine, restarted when its generation
 * changes, and any other stream is halted. One thread does it, in the order the definitions store
 * reports changes, and the same thread reports this node's tasks and counters to the status store
 * every report interval, so that a report never races a halt. A stream whose engine fails is logged
 * and left; the others go on.
 *
 * <p>A node runs at most {@code max.streams} streams: of those stored {@code RUNNING}, whatever their
 * engine, the first ones by name. The others are held back here, and reported as a
 * {@link NodeReportAggregator#HELD_BACK_TASK} task that says why; when a stream before them stops or is
 * deleted, the next one starts.
 *
 * <p>While the node is not ready (its internal topics are unfit, or not checked yet) no stream starts
 * or restarts here; streams already running keep running, and stopping or deleting one still halts
 * it. The streams that waited are reconciled at the first report interval after the node is ready.
 */
public final class StreamReconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReconciler.class);
    /** How long the first reconciliation waits for every stored definition to be read. */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(30);

    private final String nodeId;
    private final DefinitionStore definitions;
    private final StatusStore statuses;
    private final Duration reportInterval;
    private final int maxStreams;
    private final Clock clock;
    private final Map<String, StreamEngine> engines = new ConcurrentHashMap<>();
    /** The generation each stream was last started with on this node; reconciler thread only. */
    private final Map<String, Long> applied = new HashMap<>();
    /** Streams stored RUNNING that this node does not run because of max.streams, with why; reconciler thread only. */
    private final Map<String, String> heldBack = new HashMap<>();
    /** The streams this node has a report about in the status store; reconciler thread only. */
    private final Set<String> reported = new HashSet<>();
    private final Supplier<Optional<String>> notReady;
    /** Streams that were to start while the node was not ready; reconciler thread only. */
    private final Set<String> awaitingReadiness = new HashSet<>();
    /** Why the node was not ready when a stream last waited, to say it once; reconciler thread only. */
    private String notReadyReason;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "hyperiot-stream-reconciler"));

    /**
     * @param nodeId         this node, as reports name it
     * @param reportInterval how often this node reports its tasks and counters
     * @param maxStreams     the most streams this node runs at once
     * @param notReady       why this node may not start streams now, empty when it may; answers at once
     */
    public StreamReconciler(String nodeId, DefinitionStore definitions, StatusStore statuses, Duration reportInterval,
            int maxStreams, Clock clock, Supplier<Optional<String>> notReady) {
        this.nodeId = nodeId;
        this.notReady = notReady;
        this.definitions = definitions;
        this.statuses = statuses;
        this.reportInterval = reportInterval;
        this.maxStreams = maxStreams;
        this.clock = clock;
    }

    /** Starts following the definitions store, beginning with every stream stored, and reporting. */
    public void start() {
        // Which streams max.streams lets run depends on all of them: deciding while the store is still
        // being read would start streams only to halt them a moment later.
        execute(this::awaitLoaded);
        definitions.start(this::reconcileLater);
        thread.scheduleWithFixedDelay(() -> {
            startThoseAwaitingReadiness();
            reportAll();
        }, reportInterval.toMillis(), reportInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Makes {@code engine} run the streams that name {@code engineName}, those stored before included. */
    public void addEngine(String engineName, StreamEngine engine) {
        engines.put(engineName, engine);
        execute(() -> {
            for (StoredStream stream : definitions.list()) {
                if (stream.definition().engine().jsonName().equals(engineName)) {
                    reconcile(stream.definition().name());
                }
            }
        });
    }

    /** Forgets {@code engine}; its streams stopped with it, and {@link #addEngine} runs them again. */
    public void removeEngine(String engineName, StreamEngine engine) {
        engines.remove(engineName, engine);
    }

    /** The engine installed on this node under {@code engineName}. */
    public Optional<StreamEngine> engine(String engineName) {
        return Optional.ofNullable(engines.get(engineName));
    }

    /** Brings the stream called {@code name} in line with its stored state, soon, on the reconciler thread. */
    public void reconcileLater(String name) {
        execute(() -> reconcile(name));
    }

    /**
     * Waits until the reconciler has done everything asked of it before this call.
     *
     * @throws TimeoutException if it has not within {@code timeout}
     */
    void awaitIdle(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            thread.submit(() -> {
            }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Stops reconciling and reporting; the engines keep what they run. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("The stream reconciler of node {} did not stop within 10 s", nodeId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void execute(Runnable task) {
        try {
            thread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("Node {}: reconciling streams failed", nodeId, e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closed: a change read while the node shuts down is applied by the next start.
            LOG.debug("Node {}: reconciler closed, change ignored", nodeId);
        }
    }

    private void awaitLoaded() {
        try {
            definitions.awaitLoaded(LOAD_WAIT);
        } catch (TimeoutException | RuntimeException e) {
            LOG.warn("Node {}: could not tell whether every stream definition was read ({}); starting with those read",
                    nodeId, e.getMessage());
        }
    }

    /**
     * Applies the stream's stored state, then any change that made to which streams max.streams lets
     * run: a stream started may push the last one out, one stopped lets the next one in. Runs on the
     * reconciler thread.
     */
    private void reconcile(String name) {
        Set<String> admitted = admitted();
        apply(name, admitted);
        Set<String> crossed = new TreeSet<>();
        applied.keySet().stream().filter(other -> !admitted.contains(other)).forEach(crossed::add);
        heldBack.keySet().stream().filter(admitted::contains).forEach(crossed::add);
        crossed.remove(name);
        crossed.forEach(other -> apply(other, admitted));
    }

    /** The streams this node may run: the first {@code maxStreams} by name of those stored RUNNING. */
    private Set<String> admitted() {
        Set<String> running = new TreeSet<>();
        for (StoredStream stream : definitions.list()) {
            if (stream.desired() == Desired.RUNNING) {
                running.add(stream.definition().name());
            }
        }
        return running.stream().limit(Math.max(0, maxStreams)).collect(Collectors.toSet());
    }

    private void apply(String name, Set<String> admitted) {
        try {
            Optional<StoredStream> stored = definitions.get(name);
            if (stored.isEmpty() || stored.get().desired() != Desired.RUNNING) {
                applied.remove(name);
                heldBack.remove(name);
                haltExcept(name, null);
                // Nothing runs here any more, so this clears the report this node wrote.
                report(name);
                return;
            }
            Optional<String> notNow = notReady.get();
            if (notNow.isPresent()) {
                awaitingReadiness.add(name);
                if (!notNow.get().equals(notReadyReason)) {
                    notReadyReason = notNow.get();
                    // An unfit topic has its ERROR already; an unchecked one is usual for a moment at start.
                    LOG.info("Node {} starts no stream until it is ready: {}", nodeId, notReadyReason);
                }
                return;
            }
            awaitingReadiness.remove(name);
            if (!admitted.contains(name)) {
                applied.remove(name);
                haltExcept(name, null);
                if (heldBack.put(name, heldBackReason()) == null) {
                    LOG.warn("Node {} does not run stream {}: {}", nodeId, name, heldBackReason());
                }
                report(name);
                return;
            }
            if (heldBack.remove(name) != null) {
                LOG.info("Node {} runs stream {}, which max.streams held back until now", nodeId, name);
            }
            StoredStream stream = stored.get();
            StreamEngine engine = engines.get(stream.definition().engine().jsonName());
            if (engine == null) {
                LOG.warn("Stream {} waits for engine {}, which is not installed on node {}", name,
                        stream.definition().engine().jsonName(), nodeId);
                // Clears a held-back report this node may have written before.
                report(name);
                return;
            }
            haltExcept(name, engine);
            Long generation = applied.get(name);
            if (generation != null && generation != stream.generation()) {
                // A restart: the engine keeps running an unchanged definition unless halted first.
                engine.halt(name);
            }
            engine.run(stream.definition());
            applied.put(name, stream.generation());
            report(name);
        } catch (RuntimeException e) {
            LOG.error("Node {} could not apply stream {}", nodeId, name, e);
        }
    }

    /** Runs on the reconciler thread: once the node is ready, the streams that waited for it start. */
    private void startThoseAwaitingReadiness() {
        if (awaitingReadiness.isEmpty()) {
            return;
        }
        try {
            if (notReady.get().isPresent()) {
                return;
            }
        } catch (RuntimeException e) {
            LOG.debug("Node {}: readiness unknown: {}", nodeId, e.toString());
            return;
        }
        notReadyReason = null;
        List<String> waiting = List.copyOf(awaitingReadiness);
        awaitingReadiness.clear();
        LOG.info("Node {} is ready: reconciling the {} streams that waited", nodeId, waiting.size());
        waiting.forEach(this::reconcile);
    }

    private String heldBackReason() {
        return "node " + nodeId + " runs at most " + maxStreams + " streams (max.streams of "
                + RuntimeConfiguration.PID + "), the first by name of those asked to run; stop or delete "
                + "another stream, or raise max.streams";
    }

    /**
     * Halts the stream on every engine but {@code keep}, whichever its definition names: an update
     * may have moved it to another engine. Halting a stream an engine does not run does nothing.
     */
    private void haltExcept(String name, StreamEngine keep) {
        for (StreamEngine engine : engines.values()) {
            if (engine == keep) {
                continue;
            }
            try {
                engine.halt(name);
            } catch (RuntimeException e) {
                LOG.error("Node {} could not halt stream {}", nodeId, name, e);
            }
        }
    }

    private void reportAll() {
        List<StoredStream> streams;
        try {
            streams = definitions.list();
        } catch (RuntimeException e) {
            LOG.debug("Node {}: status report skipped: {}", nodeId, e.toString());
            return;
        }
        for (StoredStream stream : streams) {
            try {
                report(stream.definition().name());
            } catch (RuntimeException e) {
                LOG.debug("Node {}: status report of {} failed: {}", nodeId, stream.definition().name(), e.toString());
            }
        }
    }

    /** Writes what this node runs of the stream, or clears its report once it runs nothing of it. */
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
        String heldBackReason = heldBack.get(name);
        if (heldBackReason != null) {
            tasks.add(new TaskStatus(nodeId, NodeReportAggregator.HELD_BACK_TASK, List.of(), StreamState.WAITING,
                    heldBackReason));
        }
        if (tasks.isEmpty() && metrics == null) {
            if (reported.remove(name)) {
                statuses.clear(name, nodeId);
            }
            return;
        }
        reported.add(name);
        statuses.report(new NodeReport(nodeId, name, clock.millis(), tasks, metrics));
    }
}
