package org.hyperiot.streaming.kafka.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.opentest4j.AssertionFailedError;

/** Deadline-bounded waits for the asynchronous connector tests. */
final class Eventually {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Eventually() {
    }

    /** Waits until {@code condition} holds, failing after ten seconds. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionFailedError("timed out waiting until " + what);
            }
            // Poll interval of this deadline-bounded wait.
            Thread.sleep(5);
        }
    }

    /** Checks that {@code condition} holds throughout {@code period}. */
    static void throughout(String what, Duration period, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!condition.getAsBoolean()) {
                throw new AssertionFailedError("no longer true: " + what);
            }
            Thread.sleep(5);
        }
    }
}
