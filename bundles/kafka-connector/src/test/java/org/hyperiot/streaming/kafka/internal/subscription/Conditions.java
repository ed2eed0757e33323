package org.hyperiot.streaming.kafka.internal.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import org.opentest4j.AssertionFailedError;

/** Waits for a condition with a deadline, for the asynchronous subscription tests. */
final class Conditions {

    private Conditions() {
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionFailedError("timed out waiting until " + what);
            }
            // Poll interval of this deadline-bounded wait.
            Thread.sleep(5);
        }
    }
}
