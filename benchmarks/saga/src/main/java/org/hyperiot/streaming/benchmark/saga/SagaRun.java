package org.hyperiot.streaming.benchmark.saga;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sagas of one run, numbered from 0 under one tag: when the feed sent each start, and what the saga
 * log said about each. The feed writes send times from one thread, the {@link CompletionObserver} the
 * rest from its own; a reader that sees {@link #completed()} reach a count sees the completion times of
 * those sagas too (each is written before the count goes up).
 */
final class SagaRun {

    private final String tag;
    private final long[] sentAt;
    private final long[] completedAppend;
    private final long[] completedSeen;
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger otherStates = new AtomicInteger();
    private final AtomicLong repeatedCompletions = new AtomicLong();
    private final AtomicLong logWrites = new AtomicLong();
    private final AtomicLong logBytes = new AtomicLong();
    private volatile String lastOtherState;
    private int sent;

    SagaRun(String tag, int capacity) {
        this.tag = tag;
        this.sentAt = new long[capacity];
        this.completedAppend = new long[capacity];
        this.completedSeen = new long[capacity];
    }

    String tag() {
        return tag;
    }

    int capacity() {
        return sentAt.length;
    }

    /** Notes that saga {@code index} was sent at {@code epochMillis}; sagas are sent in order. */
    void sent(int index, long epochMillis) {
        sentAt[index] = epochMillis;
        sent = index + 1;
    }

    /** How many sagas the feed sent. */
    int sent() {
        return sent;
    }

    long sentAt(int index) {
        return sentAt[index];
    }

    /** A saga log record of saga {@code index} with the given state, from the observer's thread. */
    void logRecord(long index, String state, long appendTime, long seenTime, int bytes) {
        logWrites.incrementAndGet();
        logBytes.addAndGet(bytes);
        if (index < 0 || index >= sentAt.length) {
            return;
        }
        int i = (int) index;
        if ("COMPLETED".equals(state)) {
            if (completedAppend[i] != 0) {
                repeatedCompletions.incrementAndGet();
                return;
            }
            completedAppend[i] = appendTime;
            completedSeen[i] = seenTime;
            completed.incrementAndGet();
        } else if (state != null && !"RUNNING".equals(state)) {
            lastOtherState = state;
            otherStates.incrementAndGet();
        }
    }

    /** Sagas whose COMPLETED state the observer has read. */
    int completed() {
        return completed.get();
    }

    /** Append time of saga {@code index}'s COMPLETED record, or 0. */
    long completedAppend(int index) {
        return completedAppend[index];
    }

    /** When the observer read saga {@code index}'s COMPLETED record, or 0. */
    long completedSeen(int index) {
        return completedSeen[index];
    }

    /** COMPLETED records beyond the first of a saga: a saga completed twice. */
    long repeatedCompletions() {
        return repeatedCompletions.get();
    }

    /** Log records in a state other than RUNNING and COMPLETED: a saga that failed or compensates. */
    int otherStates() {
        return otherStates.get();
    }

    String lastOtherState() {
        return lastOtherState;
    }

    long logWrites() {
        return logWrites.get();
    }

    long logBytes() {
        return logBytes.get();
    }
}
