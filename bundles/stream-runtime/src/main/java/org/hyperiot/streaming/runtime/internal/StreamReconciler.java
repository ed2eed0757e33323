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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.runtime.internal.store.DefinitionStore;
import org.hyperiot.streaming.runtime.internal.store.NodeReport;
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
 * <p>While the node is not ready (its internal topics are unfit, or not checked yet) no stream starts
 * or restarts here; streams already running keep running, and stopping or deleting one still halts
 * it. The streams held back are reconciled at the first report interval after the node is ready.
 */
public final class StreamReconciler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamReconciler.class);

    private final String nodeId;
    private final DefinitionStore definitions;
    private final StatusStore statuses;
    private final Duration reportInterval;
    private final Clock clock;
    private final Map<String, StreamEngine> engines = new ConcurrentHashMap<>();
    /** The generation each stream was last started with on this node; reconciler thread only. */
    private final Map<String, Long> applied = new HashMap<>();
    /** The streams this node has a report about in the status store; reconciler thread only. */
    private final Set<String> reported = new HashSet<>();
    private final Supplier<Optional<String>> notReady;
    /** Streams that were to run while the node was not ready; reconciler thread only. */
    private final Set<String> heldBack = new HashSet<>();
    /** Why the node was not ready when it last held a stream back, to say it once; reconciler thread only. */
    private String heldBackFor;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "hyperiot-stream-reconciler"));

    /**
     * @param nodeId         this node, as reports name it
     * @param reportInterval how often this node reports its tasks and counters
     * @param notReady       why this node may not start streams now, empty when it may; answers at once
     */
    public StreamReconciler(String nodeId, DefinitionStore definitions, StatusStore statuses, Duration reportInterval,
            Clock clock, Supplier<Optional<String>> notReady) {
        this.nodeId = nodeId;
        this.notReady = notReady;
        this.definitions = definitions;
        this.statuses = statuses;
        this.reportInterval = reportInterval;
        this.clock = clock;
    }

    /** Starts following the definitions store, beginning with every stream stored, and reporting. */
    public void start() {
        definitions.start(this::reconcileLater);
        thread.scheduleWithFixedDelay(() -> {
            releaseHeldBack();
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

    /** Runs on the reconciler thread. */
    private void reconcile(String name) {
        try {
            Optional<StoredStream> stored = definitions.get(name);
            if (stored.isEmpty() || stored.get().desired() != Desired.RUNNING) {
                applied.remove(name);
                haltExcept(name, null);
                // Nothing runs here any more, so this clears the report this node wrote.
                report(name);
                return;
            }
            StoredStream stream = stored.get();
            Optional<String> notNow = notReady.get();
            if (notNow.isPresent()) {
                heldBack.add(name);
                if (!notNow.get().equals(heldBackFor)) {
                    heldBackFor = notNow.get();
                    // An unfit topic has its ERROR already; an unchecked one is usual for a moment at start.
                    LOG.info("Node {} starts no stream until it is ready: {}", nodeId, heldBackFor);
                }
                return;
            }
            heldBack.remove(name);
            StreamEngine engine = engines.get(stream.definition().engine().jsonName());
            if (engine == null) {
                LOG.warn("Stream {} waits for engine {}, which is not installed on node {}", name,
                        stream.definition().engine().jsonName(), nodeId);
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

    /** Runs on the reconciler thread: once the node is ready, the streams held back run. */
    private void releaseHeldBack() {
        if (heldBack.isEmpty()) {
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
        heldBackFor = null;
        List<String> released = List.copyOf(heldBack);
        heldBack.clear();
        LOG.info("Node {} is ready: reconciling the {} streams held back", nodeId, released.size());
        released.forEach(this::reconcile);
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
