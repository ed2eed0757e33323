package org.hyperiot.streaming.kafka.support;

/**
 * A run of consecutive failures of a retry loop, so that the loop can say once that it started
 * failing and once that it recovered, instead of a line per attempt while Kafka cannot be reached.
 * Used by one thread.
 */
final class FailureStreak {

    private long failures;

    /** Counts a failure; {@code true} if it is the first of a run, the one worth a warning. */
    boolean failed() {
        return failures++ == 0;
    }

    /** Ends the run, if any: the number of failures it had, 0 if the previous attempt succeeded too. */
    long succeeded() {
        long run = failures;
        failures = 0;
        return run;
    }
}
