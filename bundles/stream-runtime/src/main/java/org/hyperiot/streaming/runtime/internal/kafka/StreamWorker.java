package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.runtime.kafka.LatencyHistogram;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.TaskMigratedException;
import org.hyperiot.streaming.runtime.kafka.TaskReport;
import org.hyperiot.streaming.runtime.kafka.WorkerMetrics;
import org.hyperiot.streaming.runtime.kafka.WorkerStoppedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread of a stream on this node. It runs {@link WorkerAttempt}s one after the other: after an
 * error it waits with a growing back-off and starts a new attempt from the committed offsets; when a
 * processor goes away it waits in {@code WAITING} until it is back; a poison record without a
 * dead-letter topic, or an error of the JVM itself, leaves it {@code FAILED} until the stream is
 * restarted. Everything else (polling, tasks, commits) happens inside the attempt.
 */
final class StreamWorker implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamWorker.class);
    private static final long INITIAL_BACKOFF_MS = 1000;
    /** A worker that lost its partitions starts again at once, but not more often than this. */
    private static final long IMMEDIATE_RETRY_SPACING_MS = 30_000;
    private static final Duration WAITING_RETRY = Duration.ofMillis(500);

    private final StreamDefinition definition;
    private final StreamLayout layout;
    private final StreamClients clients;
    private final ProcessorCatalog catalog;
    private final WorkerSettings settings;
    private final int index;
    private final Clock clock;
    private final WorkerSignal signal = new WorkerSignal();
    private final WorkerStatus status = new WorkerStatus();
    private final WorkerMetrics metrics = new WorkerMetrics();

    private volatile boolean stopRequested;
    private volatile boolean suspendRequested;
    private volatile boolean attempting;

    StreamWorker(StreamDefinition definition, StreamLayout layout, StreamClients clients, ProcessorCatalog catalog,
            WorkerSettings settings, int index, Clock clock) {
        this.definition = definition;
        this.layout = layout;
        this.clients = clients;
        this.catalog = catalog;
        this.settings = settings;
        this.index = index;
        this.clock = clock;
    }

    /** Asks the worker to commit what it processed and end; callable from any thread. */
    void stop() {
        stopRequested = true;
        signal.raise();
    }

    /**
     * Asks the worker to commit, release its processors and leave the group until every processor
     * it needs is registered again (a processor bundle is going away).
     */
    void suspend() {
        suspendRequested = true;
        signal.raise();
    }

    /** True once a suspended worker has closed its tasks, so it no longer calls any processor. */
    boolean isSuspended() {
        return suspendRequested && !attempting;
    }

    StreamState state() {
        return status.state();
    }

    String lastError() {
        return status.lastError();
    }

    long commits() {
        return metrics.commits();
    }

    LatencyHistogram latency() {
        return metrics.latency();
    }

    /** The tasks as of the last commit. */
    List<TaskReport> reports() {
        return status.reports();
    }

    @Override
    public void run() {
        long backoffMs = INITIAL_BACKOFF_MS;
        long lastImmediateRetry = Long.MIN_VALUE / 2;
        while (!stopRequested) {
            if (suspendRequested) {
                if (!processorsRegistered()) {
                    pause(WAITING_RETRY);
                    continue;
                }
                suspendRequested = false;
            }
            long commitsBefore = metrics.commits();
            try {
                runAttempt();
                backoffMs = INITIAL_BACKOFF_MS;
            } catch (MissingProcessorException e) {
                status.enter(StreamState.WAITING, e.getMessage());
                suspendRequested = true;
            } catch (StreamProcessingException e) {
                status.enter(StreamState.FAILED, e.getMessage());
                LOG.error("Stream {} worker {} failed: {}", definition.name(), index, e.getMessage(), e);
                return;
            } catch (WorkerStoppedException e) {
                LOG.debug("Stream {} worker {}: {}", definition.name(), index, e.getMessage());
            } catch (TaskMigratedException e) {
                status.enter(StreamState.REBALANCING, e.getMessage());
                if (metrics.commits() > commitsBefore) {
                    // An attempt that committed has earned a fresh start: an immediate retry and the first wait.
                    lastImmediateRetry = Long.MIN_VALUE / 2;
                    backoffMs = INITIAL_BACKOFF_MS;
                }
                long now = clock.millis();
                if (now - lastImmediateRetry > IMMEDIATE_RETRY_SPACING_MS) {
                    // The group moved on (a member joined or this one paused): nothing is wrong with Kafka,
                    // so waiting would only add to the stall. Once, though: another soon after backs off.
                    lastImmediateRetry = now;
                    LOG.info("Stream {} worker {}: {}; starting again from the last commit now",
                            definition.name(), index, e.getMessage());
                    continue;
                }
                backoffMs = backOff(e, backoffMs);
            } catch (RuntimeException e) {
                if (stopRequested) {
                    break;
                }
                RecordTooLargeException tooLarge = causeOfType(e, RecordTooLargeException.class);
                if (tooLarge != null) {
                    // The same record (an output, or a window's state grown past the limit) would be
                    // refused again on every retry: a restart loop that never gets anywhere.
                    String message = "a record is larger than Kafka accepts (" + tooLarge.getMessage() + "); raise the "
                            + "topic's max.message.bytes and the producer's max.request.size, or make the record smaller";
                    status.enter(StreamState.FAILED, message);
                    LOG.error("Stream {} worker {} failed: {}", definition.name(), index, message, e);
                    return;
                }
                status.enter(StreamState.REBALANCING, e.toString());
                if (metrics.commits() > commitsBefore) {
                    // The attempt got somewhere, so the errors that grew the wait are over. Without this a wait
                    // grown during a broker restart stayed for the worker's whole life, and any later error (a
                    // rebalance after a node's crash) waited up to max.retry.backoff.ms before trying again.
                    backoffMs = INITIAL_BACKOFF_MS;
                }
                backoffMs = backOff(e, backoffMs);
            } catch (Error e) {
                // OutOfMemoryError, StackOverflowError: retrying would fail the same way, silently.
                status.enter(StreamState.FAILED, e.toString());
                LOG.error("Stream {} worker {} failed with {}; restart the stream once the cause is fixed",
                        definition.name(), index, e.toString(), e);
                return;
            }
        }
        status.enter(StreamState.STOPPED, status.lastError());
    }

    private void runAttempt() {
        attempting = true;
        try (WorkerAttempt attempt = new WorkerAttempt(definition, layout, clients, catalog, settings, index, clock, status,
                metrics, () -> stopRequested || suspendRequested)) {
            attempt.run();
        } finally {
            attempting = false;
        }
    }

    private long backOff(RuntimeException error, long backoffMs) {
        LOG.warn("Stream {} worker {}: {}; starting again from the last commit in {} ms", definition.name(), index,
                error, backoffMs, error);
        pause(Duration.ofMillis(backoffMs));
        return Math.min(backoffMs * 2, settings.maxRetryBackoff().toMillis());
    }

    /** True if every processor and aggregator the definition names is registered; WAITING otherwise. */
    private boolean processorsRegistered() {
        List<String> missing = catalog.missing(definition);
        if (missing.isEmpty()) {
            return true;
        }
        status.enter(StreamState.WAITING, "waiting for processors " + String.join(", ", missing));
        return false;
    }

    private static <T extends Throwable> T causeOfType(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private void pause(Duration delay) {
        try {
            signal.pause(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopRequested = true;
        }
    }
}
