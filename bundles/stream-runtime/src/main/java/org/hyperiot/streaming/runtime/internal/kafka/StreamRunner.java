package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.runtime.internal.NodeReportAggregator;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.LatencyHistogram;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamMetricsTally;
import org.hyperiot.streaming.runtime.kafka.TaskReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream on this node: worker threads in the stream's consumer group, as many as its
 * {@code parallelism} asks but no more than its source topics have partitions (a worker without a
 * partition would only sit idle in the group) and no more than the node's worker-thread budget has
 * left. Before it starts them it waits until the source topics exist; for a stream that repartitions
 * it makes sure the repartition topic exists (as wide as the keyBy asks, else as the widest source
 * topic), and for a stream with windows that the changelog topic exists, with as many partitions as
 * the tasks that keep state: the state of the task of partition {@code p} (of the source topics, or
 * of the repartition topic when there is one) lives in changelog partition {@code p}. The number of
 * workers is settled at start: partitions added to a source topic later count from the next restart.
 */
final class StreamRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);
    private static final long MAX_START_BACKOFF_MS = 10_000;

    private final StreamDefinition definition;
    private final StreamClients clients;
    private final ProcessorCatalog catalog;
    private final WorkerSettings settings;
    private final WorkerThreadBudget budget;
    private final Clock clock;
    private final List<StreamWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread starter;
    private volatile boolean stopping;
    private volatile String startError;
    /** Why no worker runs here although the stream could start: the budget is spent. */
    private volatile String heldBack;
    /** Worker threads taken from the budget; given back by {@link #stop}. */
    private int threadsTaken;
    private final StreamMetricsTally tally = new StreamMetricsTally();
    /** The partitions the stream reads, found at start; {@code null} until then. */
    private volatile StreamLayout layout;

    StreamRunner(StreamDefinition definition, StreamClients clients, ProcessorCatalog catalog,
            WorkerSettings settings, WorkerThreadBudget budget, Clock clock) {
        this.definition = definition;
        this.clients = clients;
        this.catalog = catalog;
        this.settings = settings;
        this.budget = budget;
        this.clock = clock;
        this.starter = new Thread(this::startWorkers, "hyperiot-stream-" + definition.name() + "-start");
        this.starter.setContextClassLoader(Consumer.class.getClassLoader());
    }

    StreamDefinition definition() {
        return definition;
    }

    void start() {
        starter.start();
    }

    /** The number of workers started; 0 until they are. */
    synchronized int workerCount() {
        return workers.size();
    }

    /** Waits until the runner has started its workers, or given up because it is stopping. */
    boolean awaitStarted(Duration timeout) throws InterruptedException {
        starter.join(Math.max(1, timeout.toMillis()));
        return !starter.isAlive();
    }

    /**
     * The number of workers worth running on this node: {@code parallelism}, but no more than the
     * source topics have partitions together, since the group gives each partition to one worker.
     */
    static int workerCount(int parallelism, Map<String, Integer> sourcePartitions) {
        return workerCount(parallelism, StreamLayout.direct(sourcePartitions));
    }

    /** As {@link #workerCount(int, Map)}, counting the repartition topic's partitions too. */
    static int workerCount(int parallelism, StreamLayout layout) {
        return Math.max(1, Math.min(parallelism, layout.totalPartitions()));
    }

    private void startWorkers() {
        int wanted = awaitSourceTopics();
        int taken = stopping ? 0 : takeThreads(wanted);
        synchronized (this) {
            if (stopping) {
                budget.giveBack(taken);
                return;
            }
            threadsTaken = taken;
            for (int i = 0; i < taken; i++) {
                StreamWorker worker = new StreamWorker(definition, layout, clients, catalog, settings, i, clock);
                Thread thread = new Thread(worker, "hyperiot-stream-" + definition.name() + "-" + i);
                // The worker creates and closes its Kafka clients on this thread (PLATFORM-NOTES).
                thread.setContextClassLoader(Consumer.class.getClassLoader());
                workers.add(worker);
                threads.add(thread);
                thread.start();
            }
        }
        LOG.info("Stream {} runs {} workers on node {}", definition.name(), taken, settings.nodeId());
    }

    /**
     * Waits until the source topics exist (and the changelog of a stream with windows is ready), and
     * returns how many workers the stream needs here; 0 if it is stopped first.
     */
    private int awaitSourceTopics() {
        long backoff = 500;
        String lastLogged = null;
        while (!stopping) {
            try {
                StreamLayout found = clients.streamTopics().prepare(definition);
                startError = null;
                layout = found;
                int count = workerCount(definition.parallelism(), found);
                if (count < definition.parallelism()) {
                    LOG.info("Stream {} starts {} workers on node {}, not the {} its parallelism asks for: its source "
                            + "topics have {} partitions, and a worker without one would sit idle", definition.name(),
                            count, settings.nodeId(), definition.parallelism(), found.totalPartitions());
                }
                return count;
            } catch (RuntimeException e) {
                startError = e.getMessage();
                // Once per different reason: a source topic created an hour later would fill the log.
                if (!String.valueOf(e.getMessage()).equals(lastLogged)) {
                    LOG.warn("Stream {} cannot start yet: {}", definition.name(), e.getMessage());
                    lastLogged = String.valueOf(e.getMessage());
                }
                sleep(backoff);
                backoff = Math.min(backoff * 2, MAX_START_BACKOFF_MS);
            }
        }
        return 0;
    }

    /** Takes up to {@code wanted} worker threads from the node's budget, waiting while none is left. */
    private int takeThreads(int wanted) {
        long backoff = 500;
        while (!stopping) {
            int taken = budget.take(wanted);
            if (taken > 0) {
                if (heldBack != null) {
                    LOG.info("Stream {}: worker threads are free again on node {}", definition.name(), settings.nodeId());
                }
                heldBack = null;
                if (taken < wanted) {
                    LOG.warn("Stream {} runs {} of its {} workers on node {}: the node runs max.worker.threads={} "
                            + "worker threads at most", definition.name(), taken, wanted, settings.nodeId(),
                            budget.limit());
                }
                return taken;
            }
            if (heldBack == null) {
                heldBack = "node " + settings.nodeId() + " already runs max.worker.threads=" + budget.limit()
                        + " worker threads for other streams; the stream starts here once some are free (raise "
                        + "max.worker.threads, or stop other streams)";
                LOG.warn("Stream {} does not run on node {} yet: {}", definition.name(), settings.nodeId(), heldBack);
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, MAX_START_BACKOFF_MS);
        }
        return 0;
    }

    /** Stops every worker after its last commit; returns when they ended or the timeout passed. */
    void stop() {
        List<Thread> running;
        int taken;
        synchronized (this) {
            stopping = true;
            workers.forEach(StreamWorker::stop);
            running = List.copyOf(threads);
            taken = threadsTaken;
            threadsTaken = 0;
        }
        starter.interrupt();
        // A worker's last commit may wait for the producer to deliver or give up on a record.
        Duration stopTimeout = settings.deliveryTimeout().plus(Closing.TIMEOUT.multipliedBy(3));
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        try {
            for (Thread thread : running) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (thread.isAlive()) {
                    LOG.warn("Stream {}: worker {} did not stop within {}", definition.name(), thread.getName(),
                            stopTimeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // Given back once the threads ended (or were given up on), so that the budget bounds live threads.
            budget.giveBack(taken);
        }
    }

    /**
     * Makes the workers commit and let go of their processors because {@code name} is going away;
     * they wait, in state WAITING, until it is back. Returns when they let go, or after {@code timeout}.
     */
    void suspend(Duration timeout) {
        List<StreamWorker> current;
        synchronized (this) {
            current = List.copyOf(workers);
        }
        current.forEach(StreamWorker::suspend);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StreamWorker worker : current) {
            while (!worker.isSuspended() && worker.state() != StreamState.FAILED
                    && worker.state() != StreamState.STOPPED && System.nanoTime() < deadline) {
                sleep(20);
            }
        }
    }

    List<TaskStatus> tasks() {
        List<TaskStatus> tasks = new ArrayList<>();
        List<StreamWorker> current;
        synchronized (this) {
            current = List.copyOf(workers);
        }
        if (current.isEmpty() && !stopping) {
            String held = heldBack;
            tasks.add(held != null
                    ? new TaskStatus(settings.nodeId(), NodeReportAggregator.HELD_BACK_TASK, List.of(), StreamState.WAITING,
                            held)
                    : new TaskStatus(settings.nodeId(), "starting", List.of(), StreamState.REBALANCING, startError));
        }
        for (int i = 0; i < current.size(); i++) {
            StreamWorker worker = current.get(i);
            List<TaskReport> reports = worker.reports();
            if (reports.isEmpty() && (worker.state() == StreamState.WAITING || worker.state() == StreamState.FAILED)) {
                // A worker without partitions still tells why it is not running.
                tasks.add(new TaskStatus(settings.nodeId(), "worker-" + i, List.of(), worker.state(), worker.lastError()));
            }
            reports.forEach(report -> tasks.add(report.status(settings.nodeId())));
        }
        return tasks;
    }

    synchronized StreamMetrics metrics() {
        long commits = 0;
        LatencyHistogram latency = new LatencyHistogram();
        List<StreamMetricsTally.Reported> reported = new ArrayList<>();
        for (StreamWorker worker : workers) {
            commits += worker.commits();
            latency.merge(worker.latency());
            for (TaskReport report : worker.reports()) {
                reported.add(new StreamMetricsTally.Reported(report, worker.commits()));
            }
        }
        StreamLayout current = layout;
        // A routed record was counted in when its routing task read it from the source.
        return tally.tally(definition.name(), settings.nodeId(), reported,
                partition -> current == null || !partition.topic().equals(current.repartitionTopic()), commits, latency,
                clock.millis());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
