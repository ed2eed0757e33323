package org.hyperiot.streaming.storm.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for a condition with a deadline; the failure names what was awaited and what was last seen. */
public final class Await {

    private Await() {
    }

    /** Polls {@code value} every 100 ms until {@code condition} holds for it, or fails after {@code timeout}. */
    public static <T> T until(String what, Duration timeout, Supplier<T> value, java.util.function.Predicate<T> condition)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        RuntimeException lastError = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = value.get();
                lastError = null;
                if (condition.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastError = e;
            }
            Thread.sleep(100);
        }
        AssertionError failure = new AssertionError("Not " + what + " within " + timeout.toSeconds() + " s; last seen: "
                + (lastError != null ? lastError : last));
        if (lastError != null) {
            failure.initCause(lastError);
        }
        throw failure;
    }
}
