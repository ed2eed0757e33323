package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once commits whose writes Kafka has not all acknowledged yet. Every output and state
 * change is counted against the commit it precedes; at each commit interval the worker seals the
 * open commit with the input offsets it covers and goes on processing. A sealed commit's offsets may
 * go to the group once every write counted against it, and against every commit sealed before it,
 * was acknowledged: offsets are never committed past an output that could still be refused.
 *
 * <p>Waiting for the producer instead ({@code flush()}) stops the poll loop for a round trip at every
 * commit, and the records arriving meanwhile wait with it: that wait set the worker's p99.
 *
 * <p>Used by the worker thread, except {@link Callback#onCompletion}, which Kafka's I/O thread calls.
 */
final class UnacknowledgedCommits {

    private final ArrayDeque<Commit> sealed = new ArrayDeque<>();
    private Commit open = new Commit();

    /** The callback of one more write, counted against the open commit. */
    Callback track() {
        open.counted = true;
        open.outstanding.incrementAndGet();
        return open;
    }

    /**
     * Whether anything here has not released its offsets yet: writes counted since the last seal, or a
     * sealed commit whose writes are unacknowledged or whose offsets {@link #releaseAcknowledged} has not
     * taken yet.
     */
    boolean hasUnreleased() {
        return open.counted || !sealed.isEmpty();
    }

    /**
     * Seals the open commit with the offsets its writes complete and opens the next. A commit with
     * neither offsets nor writes is not kept.
     */
    void seal(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty() && !open.counted) {
            return;
        }
        open.offsets = Map.copyOf(offsets);
        sealed.add(open);
        open = new Commit();
    }

    /**
     * The first write Kafka refused among the sealed and the open commit, or null. Once there is one,
     * no offset may be released any more: the records from the last released offsets on are
     * processed again by the next attempt.
     */
    Exception firstFailure() {
        for (Commit commit : sealed) {
            Exception failure = commit.failure.get();
            if (failure != null) {
                return failure;
            }
        }
        return open.failure.get();
    }

    /**
     * Removes the sealed commits whose writes were all acknowledged, oldest first, up to the first
     * that still waits.
     *
     * @return their offsets merged, a later commit's offset of a partition replacing an earlier one;
     *         empty if the oldest still waits
     */
    Map<TopicPartition, OffsetAndMetadata> releaseAcknowledged() {
        Map<TopicPartition, OffsetAndMetadata> released = new HashMap<>();
        while (!sealed.isEmpty() && sealed.peek().acknowledged()) {
            released.putAll(sealed.poll().offsets);
        }
        return released;
    }

    /** Drops the offsets of {@code partitions} from every sealed commit: this worker no longer owns them. */
    void forget(Collection<TopicPartition> partitions) {
        for (Commit commit : sealed) {
            if (!Collections.disjoint(commit.offsets.keySet(), partitions)) {
                Map<TopicPartition, OffsetAndMetadata> kept = new HashMap<>(commit.offsets);
                kept.keySet().removeAll(partitions);
                commit.offsets = kept;
            }
        }
    }

    /** Forgets everything: the attempt gives up its progress since the last commit. */
    void clear() {
        sealed.clear();
        open = new Commit();
    }

    /** One commit: the writes counted against it and the offsets it releases once they are acknowledged. */
    private static final class Commit implements Callback {

        /** Writes counted and not yet answered; Kafka's I/O thread counts them down. */
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        /** Worker thread only: whether {@link #track()} counted a write against this commit. */
        private boolean counted;
        private Map<TopicPartition, OffsetAndMetadata> offsets = Map.of();

        private Commit() {
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                // Set before the count drops, so whoever sees the count at zero also sees the failure.
                failure.compareAndSet(null, exception);
            }
            outstanding.decrementAndGet();
        }

        private boolean acknowledged() {
            return outstanding.get() == 0 && failure.get() == null;
        }
    }
}
