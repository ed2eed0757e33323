package org.hyperiot.streaming.kafka.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;

/**
 * Runs the {@link ClusterProbe} in the background at a fixed interval and keeps its last answer, so
 * that asking for the cluster's status never waits for Kafka and never makes a Kafka call: however
 * many callers ask (anonymous {@code GET /health} among them) and however slow the cluster is, the
 * cluster sees one request per interval, and a caller gets the last answer with the time it was
 * obtained.
 */
final class ClusterHealthMonitor implements AutoCloseable {

    /** The reason given until the first check has finished. */
    static final String NOT_CHECKED_YET = "not checked yet: the first connectivity check is running";

    private final ClusterProbe probe;
    private final Duration interval;
    private final ScheduledExecutorService scheduler;
    private volatile KafkaClusterStatus last;

    /**
     * @param scheduler runs the checks; owned by the monitor from now on and shut down by {@link #close()}
     */
    ClusterHealthMonitor(ClusterProbe probe, String bootstrapServers, Duration interval, Clock clock,
            ScheduledExecutorService scheduler) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("health.interval.ms must be positive, not " + interval.toMillis());
        }
        this.probe = probe;
        this.interval = interval;
        this.scheduler = scheduler;
        this.last = new KafkaClusterStatus(false, null, 0, bootstrapServers, NOT_CHECKED_YET, clock.instant());
    }

    /** Starts checking: at once, then {@code interval} after each check ends. */
    ClusterHealthMonitor start() {
        scheduler.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** The last check's answer, at once. */
    KafkaClusterStatus status() {
        return last;
    }

    private void check() {
        // The probe reports every failure as a status; anything else must not end the schedule.
        try {
            last = probe.probe();
        } catch (RuntimeException e) {
            KafkaClusterStatus previous = last;
            last = new KafkaClusterStatus(false, null, 0, previous.bootstrapServers(), ClusterProbe.describe(e),
                    previous.checkedAt());
        }
    }

    /** Stops checking and waits for a running check to end, so that the probe's client can be closed after it. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
