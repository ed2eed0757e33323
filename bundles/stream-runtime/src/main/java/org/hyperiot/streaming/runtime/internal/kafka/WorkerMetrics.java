package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.Arrays;

import org.hyperiot.streaming.runtime.kafka.LatencyHistogram;

/**
 * A worker's commit count and end-to-end latency: for each record, from its Kafka timestamp to the
 * commit that made its outputs visible. Recorded by the worker thread, read by any thread.
 */
final class WorkerMetrics {

    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile long commits;
    private long[] pendingTimestamps = new long[1024];
    private int pendingCount;

    /** Notes a record processed since the last commit. */
    void admitted(long recordTimestamp) {
        if (pendingCount == pendingTimestamps.length) {
            pendingTimestamps = Arrays.copyOf(pendingTimestamps, pendingCount * 2);
        }
        pendingTimestamps[pendingCount++] = recordTimestamp;
    }

    /** A commit made the records since the last one visible at {@code committedAt}. */
    void committed(long committedAt) {
        latency.recordSince(committedAt, pendingTimestamps, pendingCount);
        pendingCount = 0;
        commits++;
    }

    /** The records since the last commit will be processed again: they do not count. */
    void discardPending() {
        pendingCount = 0;
    }

    long commits() {
        return commits;
    }

    LatencyHistogram latency() {
        return latency;
    }
}
