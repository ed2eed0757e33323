package org.hyperiot.streaming.runtime.kafka;

import java.util.Arrays;


/**
 * A worker's commit count and end-to-end latency: for each record, from its Kafka timestamp to the
 * commit that made its outputs visible. Recorded by the worker thread, read by any thread.
 */
public final class WorkerMetrics {

    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile long commits;
    private long[] pendingTimestamps = new long[1024];
    private int pendingCount;

    /** Notes a record processed since the last commit. */
    public void admitted(long recordTimestamp) {
        if (pendingCount == pendingTimestamps.length) {
            pendingTimestamps = Arrays.copyOf(pendingTimestamps, pendingCount * 2);
        }
        pendingTimestamps[pendingCount++] = recordTimestamp;
    }

    /** A commit made the records since the last one visible at {@code committedAt}. */
    public void committed(long committedAt) {
        latency.recordSince(committedAt, pendingTimestamps, pendingCount);
        pendingCount = 0;
        commits++;
    }

    /** The records since the last commit will be processed again: they do not count. */
    public void discardPending() {
        pendingCount = 0;
    }

    /** Commits made since the worker started. */
    public long commits() {
        return commits;
    }

    /** End-to-end latency of the records committed so far. */
    public LatencyHistogram latency() {
        return latency;
    }
}
