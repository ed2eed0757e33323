package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a worker thread out of a pause (back-off, waiting for processors) when it is asked to stop or
 * suspend. Unlike a latch it re-arms: a signal ends the pause in progress, or the next one, and is
 * then spent, so later pauses wait their full time again.
 */
final class WorkerSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition raised = lock.newCondition();
    private boolean pending;

    /** Ends the current pause, or the next one if none is in progress. */
    void raise() {
        lock.lock();
        try {
            pending = true;
            raised.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for {@code delay} or until a signal arrives, whichever comes first, and spends the signal.
     *
     * @return true if a signal ended the pause
     * @throws InterruptedException if the thread is interrupted
     */
    boolean pause(Duration delay) throws InterruptedException {
        long remaining = delay.toNanos();
        lock.lock();
        try {
            while (!pending && remaining > 0) {
                remaining = raised.awaitNanos(remaining);
            }
            boolean signalled = pending;
            pending = false;
            return signalled;
        } finally {
            lock.unlock();
        }
    }

    /** Waits like {@link #pause(Duration)} with the delay in milliseconds. */
    boolean pause(long delayMillis) throws InterruptedException {
        return pause(Duration.ofMillis(delayMillis));
    }
}
