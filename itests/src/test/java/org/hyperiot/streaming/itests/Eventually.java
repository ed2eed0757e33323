package org.hyperiot.streaming.itests;

import java.time.Duration;
import java.time.Instant;

/** Waits for a condition with a deadline, re-throwing the last assertion failure when time runs out. */
public final class Eventually {

    private Eventually() {
    }

    /** A check that fails by throwing, typically an assertion. */
    @FunctionalInterface
    public interface Check {
        void run() throws Exception;
    }

    public static void within(Duration timeout, Check check) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (Instant.now().isAfter(deadline)) {
                    throw e;
                }
            }
            // Poll interval of this deadline-bounded wait; the checks are cheap HTTP calls and Kafka polls.
            Thread.sleep(250);
        }
    }
}
