package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.config.TopicConfig;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.hyperiot.streaming.engine.TaskMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream on this node: {@code parallelism} worker threads in the stream's consumer group. For a
 * stream with windows it first makes sure the changelog topic exists, with as many partitions as
 * the widest source topic, since the state of source partition {@code p} lives in changelog
 * partition {@code p}.
 */
final class StreamRunner {

    private static final Logger LOG = LoggerFactory.getLogger(StreamRunner.class);

    private final StreamDefinition definition;
    private final KafkaConnector connector;
    private final KafkaTopicAdmin topicAdmin;
    private final ProcessorCatalog catalog;
    private final WorkerSettings settings;
    private final Clock clock;
    private final List<StreamWorker> workers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final Thread starter;
    private volatile boolean stopping;
    private volatile String startError;
    private RateWindow rates;

    StreamRunner(StreamDefinition definition, KafkaConnector connector, KafkaTopicAdmin topicAdmin,
            ProcessorCatalog catalog, WorkerSettings settings, Clock clock) {
        this.definition = definition;
        this.connector = connector;
        this.topicAdmin = topicAdmin;
        this.catalog = catalog;
        this.settings = settings;
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

    private void startWorkers() {
        boolean stateful = definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
        long backoff = 500;
        while (stateful && !stopping) {
            try {
                ensureChangelog();
                startError = null;
                break;
            } catch (RuntimeException e) {
                startError = e.getMessage();
                LOG.warn("Stream {}: cannot prepare its changelog yet: {}", definition.name(), e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
        synchronized (this) {
            if (stopping) {
                return;
            }
            for (int i = 0; i < definition.parallelism(); i++) {
                StreamWorker worker = new StreamWorker(definition, StreamClients.of(connector, topicAdmin), catalog, settings, i, clock);
                Thread thread = new Thread(worker, "hyperiot-stream-" + definition.name() + "-" + i);
                // The worker creates and closes its Kafka clients on this thread (PLATFORM-NOTES).
                thread.setContextClassLoader(Consumer.class.getClassLoader());
                workers.add(worker);
                threads.add(thread);
                thread.start();
            }
        }
        LOG.info("Stream {} runs {} workers on node {}", definition.name(), definition.parallelism(), settings.nodeId());
    }

    /**
     * Makes sure the changelog exists, is compacted, and has a partition for every source partition
     * (the state of source partition {@code p} lives in changelog partition {@code p}): a source topic
     * that gained partitions widens it. A changelog with another cleanup policy would lose state to
     * retention, so the stream refuses to start on it.
     */
    private void ensureChangelog() {
        String changelog = StreamResources.changelogTopic(definition.name());
        int partitions = 1;
        for (String source : definition.source().topics()) {
            TopicDetails topic = topicAdmin.describeTopic(source).orElseThrow(() -> new IllegalStateException(
                    "source topic " + source + " does not exist"));
            partitions = Math.max(partitions, topic.partitions());
        }
        try {
            topicAdmin.createTopic(changelog, partitions, (short) -1,
                    Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            LOG.info("Created changelog {} with {} partitions", changelog, partitions);
            return;
        } catch (KafkaAdminException e) {
            if (!"TOPIC_EXISTS".equals(e.errorCode())) {
                throw e;
            }
        }
        TopicDetails existing = topicAdmin.describeTopic(changelog).orElseThrow(() -> new IllegalStateException(
                "changelog topic " + changelog + " was deleted while the stream started"));
        String policy = existing.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy == null || !policy.contains(TopicConfig.CLEANUP_POLICY_COMPACT)
                || policy.contains(TopicConfig.CLEANUP_POLICY_DELETE)) {
            throw new IllegalStateException("changelog topic " + changelog + " has cleanup.policy="
                    + (policy == null ? "unknown" : policy) + "; it must be compact alone, or state is "
                    + "lost to retention. Delete the stream with purgeState=true, or fix the topic");
        }
        if (existing.partitions() < partitions) {
            topicAdmin.createPartitions(changelog, partitions);
            LOG.info("Widened changelog {} from {} to {} partitions, as its source topics grew", changelog,
                    existing.partitions(), partitions);
        }
    }

    /** Stops every worker after its last commit; returns when they ended or the timeout passed. */
    void stop() {
        List<Thread> running;
        synchronized (this) {
            stopping = true;
            workers.forEach(StreamWorker::stop);
            running = List.copyOf(threads);
        }
        starter.interrupt();
        // A worker's last commit may wait for the producer to deliver or give up on a record.
        Duration stopTimeout = settings.deliveryTimeout().plus(Closing.TIMEOUT.multipliedBy(3));
        long deadline = System.nanoTime() + stopTimeout.toNanos();
        for (Thread thread : running) {
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (thread.isAlive()) {
                LOG.warn("Stream {}: worker {} did not stop within {}", definition.name(), thread.getName(), stopTimeout);
            }
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
            tasks.add(new TaskStatus(settings.nodeId(), "starting", List.of(), StreamState.REBALANCING, startError));
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
        long in = 0;
        long out = 0;
        long late = 0;
        long dead = 0;
        long lag = 0;
        long commits = 0;
        Long watermark = null;
        LatencyHistogram latency = new LatencyHistogram();
        List<StreamMetrics.Task> tasks = new ArrayList<>();
        for (StreamWorker worker : workers) {
            commits += worker.commits();
            latency.merge(worker.latency());
            for (TaskReport report : worker.reports()) {
                TaskMetrics m = report.metrics();
                Long taskWatermark = m.watermark() == Long.MIN_VALUE ? null : m.watermark();
                String id = report.partition().topic() + "-" + report.partition().partition();
                tasks.add(new StreamMetrics.Task(settings.nodeId(), id, m.recordsIn(), m.recordsOut(), m.late(),
                        m.deadLettered(), report.lag(), taskWatermark, worker.commits()));
                in += m.recordsIn();
                out += m.recordsOut();
                late += m.late();
                dead += m.deadLettered();
                lag += report.lag();
                if (taskWatermark != null) {
                    watermark = watermark == null ? taskWatermark : Math.min(watermark, taskWatermark);
                }
            }
        }
        long now = clock.millis();
        if (rates == null) {
            rates = new RateWindow(now, in, out, 0, 0);
        } else if (now - rates.at() >= 1000) {
            double seconds = (now - rates.at()) / 1000.0;
            rates = new RateWindow(now, in, out, Math.max(0, (in - rates.in()) / seconds),
                    Math.max(0, (out - rates.out()) / seconds));
        }
        return new StreamMetrics(definition.name(), in, out, rates.inRate(), rates.outRate(), late, dead, lag,
                latency.quantile(0.5), latency.quantile(0.99), watermark, commits, tasks);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record RateWindow(long at, long in, long out, double inRate, double outRate) {
    }
}
