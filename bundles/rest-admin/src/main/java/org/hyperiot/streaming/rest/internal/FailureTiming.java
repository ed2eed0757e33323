package org.hyperiot.streaming.rest.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Makes every failed login take as long as the slowest recent one, so that a caller cannot tell an
 * unknown user (the realm answers at once) from a wrong password (the realm hashes it first) by the
 * time the answer takes. The target is the longest failure seen lately, never below a floor and
 * never above a cap (a request thread is held for at most that long); it decays by half every
 * minute so that one slow outlier does not slow every later failure for good. Thread-safe.
 */
final class FailureTiming {

    private final long floorNanos;
    private final long capNanos;
    private final LongSupplier nanoTime;
    private final AtomicLong slowestNanos = new AtomicLong();
    private final AtomicLong decayedAt;

    FailureTiming(Duration floor, Duration cap, LongSupplier nanoTime) {
        this.floorNanos = floor.toNanos();
        this.capNanos = cap.toNanos();
        this.nanoTime = nanoTime;
        this.decayedAt = new AtomicLong(nanoTime.getAsLong());
    }

    /** How long, in total, a failure whose check took {@code elapsedNanos} must appear to take. */
    long targetNanos(long elapsedNanos) {
        long now = nanoTime.getAsLong();
        long last = decayedAt.get();
        if (now - last > Duration.ofMinutes(1).toNanos() && decayedAt.compareAndSet(last, now)) {
            slowestNanos.updateAndGet(s -> s / 2);
        }
        long slowest = slowestNanos.accumulateAndGet(Math.min(elapsedNanos, capNanos), Math::max);
        return Math.min(capNanos, Math.max(floorNanos, slowest));
    }

    /** Waits out the rest of the target after a failed check that began at {@code startedNanos}. */
    void padFailure(long startedNanos) {
        long elapsed = nanoTime.getAsLong() - startedNanos;
        long remaining = targetNanos(elapsed) - elapsed;
        long deadline = nanoTime.getAsLong() + remaining;
        while (remaining > 0) {
            LockSupport.parkNanos(remaining);
            remaining = deadline - nanoTime.getAsLong();
        }
    }
}
