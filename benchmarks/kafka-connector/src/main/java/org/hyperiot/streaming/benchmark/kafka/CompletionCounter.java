package org.hyperiot.streaming.benchmark.kafka;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Counts the outcomes of one run's sends and notes when the last one arrived. The same instance
 * serves as a Kafka {@link Callback} and as a {@code whenComplete} action, so every variant pays the
 * same for counting.
 */
final class CompletionCounter implements Callback, BiConsumer<RecordMetadata, Throwable> {

    private final long expected;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private final CountDownLatch allDone = new CountDownLatch(1);
    private volatile long lastCompletionNanos;

    CompletionCounter(long expected) {
        this.expected = expected;
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        record(metadata, exception);
    }

    @Override
    public void accept(RecordMetadata metadata, Throwable exception) {
        record(metadata, exception);
    }

    private void record(RecordMetadata metadata, Throwable exception) {
        if (exception != null || metadata == null) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, exception == null ? new IllegalStateException("no metadata") : exception);
        }
        if (completed.incrementAndGet() == expected) {
            lastCompletionNanos = System.nanoTime();
            allDone.countDown();
        }
    }

    /** Waits until every expected send completed; false if {@code timeout} passed first. */
    boolean await(Duration timeout) throws InterruptedException {
        return allDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    long lastCompletionNanos() {
        return lastCompletionNanos;
    }

    long succeeded() {
        return completed.get() - failed.get();
    }

    long failed() {
        return failed.get();
    }

    Throwable firstFailure() {
        return firstFailure.get();
    }
}
