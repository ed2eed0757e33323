package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once commits that do not stop the worker. Every output and changelog write is counted
 * against the commit it precedes; at each commit interval the worker seals the open commit with the
 * input offsets it covers and goes on polling, and a sealed commit's offsets are released once every
 * write counted against it, and against every commit sealed before it, was acknowledged. Waiting
 * for the producer instead ({@code flush()}) stops processing for a round trip at every commit,
 * which is what set the worker's latency.
 *
 * <p>Used by the worker thread, except the callbacks, which Kafka calls on its I/O thread.
 */
final class PendingCommits {

    private final ArrayDeque<PendingCommit> sealed = new ArrayDeque<>();
    private PendingCommit open = new PendingCommit();

    /** The callback for one more write, counted against the open commit. */
    Callback track() {
        open.outstanding.incrementAndGet();
        return open;
    }

    /** Whether a write counted since the last seal still waits for its acknowledgement. */
    boolean hasOpenWrites() {
        return open.outstanding.get() > 0;
    }

    /**
     * Seals the open commit and opens the next.
     *
     * @param offsets         the input offsets the commit's writes complete
     * @param inputTimestamps the timestamps of the input records it covers, for the latency figures
     * @param inputCount      how many of {@code inputTimestamps} count
     */
    void seal(Map<TopicPartition, OffsetAndMetadata> offsets, long[] inputTimestamps, int inputCount) {
        open.offsets = Map.copyOf(offsets);
        open.inputTimestamps = Arrays.copyOf(inputTimestamps, inputCount);
        sealed.add(open);
        open = new PendingCommit();
    }

    /** Whether the oldest sealed commit's writes were all acknowledged, so that {@link #release} has work. */
    boolean oldestAcknowledged() {
        PendingCommit oldest = sealed.peek();
        return oldest != null && oldest.outstanding.get() == 0;
    }

    boolean isEmpty() {
        return sealed.isEmpty();
    }

    /**
     * Removes the sealed commits whose writes were all acknowledged, oldest first, up to the first
     * that still waits, and records the latency of the inputs they cover.
     *
     * @return their offsets, merged (a later commit's offset of a partition wins); empty if none
     * @throws IllegalStateException if a write of any commit failed: offsets past an output that
     *                               Kafka did not take must never be committed
     */
    Map<TopicPartition, OffsetAndMetadata> release(LatencyHistogram latency, long now) {
        throwIfAnyWriteFailed();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        while (oldestAcknowledged()) {
            PendingCommit oldest = sealed.poll();
            offsets.putAll(oldest.offsets);
            latency.recordSince(now, oldest.inputTimestamps, oldest.inputTimestamps.length);
        }
        return offsets;
    }

    private void throwIfAnyWriteFailed() {
        for (PendingCommit commit : sealed) {
            commit.throwIfFailed();
        }
        open.throwIfFailed();
    }

    /** One commit: the writes counted against it, and what it commits once they are acknowledged. */
    private static final class PendingCommit implements Callback {

        /** Writes counted and not yet acknowledged; the only field Kafka's I/O thread changes. */
        private final AtomicLong outstanding = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private Map<TopicPartition, OffsetAndMetadata> offsets = Map.of();
        private long[] inputTimestamps = new long[0];

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                // Noted before the count drops, so that whoever sees the count at zero sees the failure.
                failure.compareAndSet(null, exception);
            }
            outstanding.decrementAndGet();
        }

        void throwIfFailed() {
            Exception failed = failure.get();
            if (failed != null) {
                throw new IllegalStateException("an output was not acknowledged; the offsets are not committed", failed);
            }
        }
    }
}
