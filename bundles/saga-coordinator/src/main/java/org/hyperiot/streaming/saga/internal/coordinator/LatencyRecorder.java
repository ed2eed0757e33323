package org.hyperiot.streaming.saga.internal.coordinator;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies in logarithmic buckets (each bucket 1/8 of a power of two wide, from 1 ms to about 9 h),
 * enough for percentiles within about 9 % without keeping the samples. Thread-safe.
 */
public final class LatencyRecorder {

    private static final int SUB_BUCKETS = 8;
    private static final int BUCKETS = 25 * SUB_BUCKETS;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** A recorder holding the samples of all the given ones, as they are now. */
    public static LatencyRecorder sum(Collection<LatencyRecorder> recorders) {
        LatencyRecorder sum = new LatencyRecorder();
        for (LatencyRecorder recorder : recorders) {
            for (int i = 0; i < BUCKETS; i++) {
                sum.counts.addAndGet(i, recorder.counts.get(i));
            }
        }
        return sum;
    }

    public void record(Duration latency) {
        counts.incrementAndGet(bucket(Math.max(0, latency.toMillis())));
    }

    /** The latency in ms below which the given fraction of the samples fell (an upper bound); 0 without samples. */
    public long percentileMs(double fraction) {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    public long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    static int bucket(long millis) {
        if (millis < SUB_BUCKETS) {
            return (int) millis;
        }
        int power = 63 - Long.numberOfLeadingZeros(millis);
        int sub = (int) ((millis >> (power - 3)) & (SUB_BUCKETS - 1));
        return Math.min(BUCKETS - 1, (power - 2) * SUB_BUCKETS + sub);
    }

    static long upperBound(int bucket) {
        if (bucket < SUB_BUCKETS) {
            return bucket;
        }
        int power = bucket / SUB_BUCKETS + 2;
        int sub = bucket % SUB_BUCKETS;
        return ((long) (SUB_BUCKETS + sub + 1) << (power - 3)) - 1;
    }
}
