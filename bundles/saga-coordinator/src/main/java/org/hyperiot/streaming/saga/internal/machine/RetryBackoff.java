package org.hyperiot.streaming.saga.internal.machine;

import java.time.Duration;

import org.hyperiot.streaming.api.saga.RetryPolicy;

/**
 * The waits of a {@link RetryPolicy}. There is no random jitter: the wait is part of a durable timer in
 * the saga log, and a coordinator that takes a saga over must find the same due time the first one set.
 */
public final class RetryBackoff {

    private RetryBackoff() {
    }

    /**
     * The wait after the given number of failed attempts (1 or more):
     * {@code min(initialInterval × multiplier^(failedAttempts-1), maxInterval)}, rounded down to whole
     * milliseconds.
     */
    public static Duration delayAfter(RetryPolicy policy, int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no wait before the first attempt");
        }
        long cap = policy.maxInterval().toMillis();
        double millis = policy.initialInterval().toMillis() * Math.pow(policy.multiplier(), failedAttempts - 1);
        // Written so that an overflow to infinity also takes the cap.
        return Duration.ofMillis(millis < cap ? (long) millis : cap);
    }
}
