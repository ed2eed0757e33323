package org.hyperiot.streaming.localstorm;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline; a timeout names what was awaited and the last failure seen. */
final class Await {

    private Await() {
    }

    static void until(String what, Duration timeout, Callable<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
                last = null;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError failure = new AssertionError("not within " + timeout.toSeconds() + " s: " + what);
                if (last != null) {
                    failure.initCause(last);
                }
                throw failure;
            }
            Thread.sleep(200);
        }
    }
}
