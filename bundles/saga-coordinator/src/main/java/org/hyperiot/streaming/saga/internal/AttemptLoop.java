package org.hyperiot.streaming.saga.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that runs attempts one after the other until stopped: each attempt holds its own Kafka
 * clients and runs until an error ends it (thrown) or the stop; the next starts after a pause that
 * grows with each failure in a row. Why it is not working is logged once per run of failures, and kept
 * for the health check.
 */
public final class AttemptLoop {

    /** One run with its own clients. */
    public interface Attempt extends AutoCloseable {

        /** Works until {@code running} turns false, or throws. */
        void run(BooleanSupplier running);

        /** Makes a blocking call under way return, from another thread. */
        void wakeup();

        @Override
        void close();
    }

    private static final Logger LOG = LoggerFactory.getLogger(AttemptLoop.class);
    private static final Duration HEALTHY_RUN = Duration.ofMinutes(1);

    private final String what;
    private final Supplier<Attempt> attempts;
    private final RetryPacing pacing;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Attempt current;
    /** Null while starting too: a loop that has not failed yet is not a fault. */
    private volatile String problem;

    /**
     * @param what     what runs, for the thread name and the log, such as {@code saga participant 'payments'}
     * @param attempts makes the next attempt; may throw, which counts as a failed attempt
     */
    public AttemptLoop(String what, String threadName, Supplier<Attempt> attempts, Duration maxBackoff) {
        this.what = what;
        this.attempts = attempts;
        this.pacing = new RetryPacing(Duration.ofMillis(200), maxBackoff);
        this.thread = new Thread(this::loop, threadName);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void loop() {
        while (running) {
            long started = System.nanoTime();
            try (Attempt attempt = attempts.get()) {
                current = attempt;
                problem = null;
                attempt.run(() -> running);
            } catch (WakeupException | InterruptException e) {
                if (running) {
                    LOG.warn("{}: interrupted while running; starting again", what);
                }
            } catch (RuntimeException e) {
                if (!running) {
                    break;
                }
                problem = e.toString();
                if (System.nanoTime() - started > HEALTHY_RUN.toNanos()) {
                    // A failure after a long healthy run starts a new run of failures.
                    pacing.succeeded();
                }
                Duration pause = pacing.failed();
                if (pacing.failuresInARow() == 1) {
                    LOG.warn("{}: stopped by an error, trying again in {} ms (further failures are logged at DEBUG "
                            + "until it works again)", what, pause.toMillis(), e);
                } else {
                    LOG.debug("{}: failed again, next try in {} ms: {}", what, pause.toMillis(), e.toString());
                }
                pause(pause);
                continue;
            } finally {
                current = null;
            }
            pacing.succeeded();
        }
    }

    /** Stops the thread and waits for the attempt under way to end; closing its producer aborts an open transaction. */
    public void stop(Duration timeout) {
        running = false;
        Attempt attempt = current;
        if (attempt != null) {
            attempt.wakeup();
        }
        try {
            thread.join(timeout.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(timeout.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why it is not working right now, or {@code null} when it is. */
    public String problem() {
        return problem;
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
