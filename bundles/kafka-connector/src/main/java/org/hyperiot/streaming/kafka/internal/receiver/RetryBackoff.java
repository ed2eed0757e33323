package org.hyperiot.streaming.kafka.internal.receiver;

import java.time.Duration;

/**
 * How often a failing receiver gets a record and how long to wait in between: the wait after the
 * first failure is {@code initial}, and it doubles after each further failure up to {@code max}.
 *
 * @param attempts how many times the record is given to the receiver, the first try included
 * @param initial  the wait after the first failure
 * @param max      the longest wait
 */
record RetryBackoff(int attempts, Duration initial, Duration max) {

    RetryBackoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt is needed, not " + attempts);
        }
        if (initial.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("back-off durations cannot be negative");
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("the maximum back-off " + max + " is shorter than the initial " + initial);
        }
    }

    /** Whether the record gets another try after {@code failedAttempts} failures. */
    boolean retryAfter(int failedAttempts) {
        return failedAttempts < attempts;
    }

    /** The wait before the next attempt once {@code failedAttempts} (at least 1) attempts have failed. */
    Duration delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("no attempt has failed yet");
        }
        long limit = max.toMillis();
        long delay = initial.toMillis();
        for (int i = 1; i < failedAttempts && delay > 0 && delay < limit; i++) {
            delay = delay > limit / 2 ? limit : delay * 2;
        }
        return Duration.ofMillis(delay);
    }
}
