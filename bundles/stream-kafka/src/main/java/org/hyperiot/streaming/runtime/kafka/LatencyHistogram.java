package org.hyperiot.streaming.runtime.kafka;

/**
 * Counts latencies in buckets: exact below 128 ms, then buckets growing by 5 %, so a quantile is
 * within 5 % of the true value. Written by one worker thread, read by the metrics reporter.
 */
public final class LatencyHistogram {

    private static final int EXACT = 128;
    private static final double GROWTH = Math.log(1.05);
    private static final int BUCKETS = EXACT + 300;
    /** The lowest latency each bucket holds: where one bucket ends and the next begins. */
    private static final long[] LOWEST = lowestOfEachBucket();

    private final long[] counts = new long[BUCKETS];
    private long total;

    synchronized void record(long millis) {
        counts[bucket(Math.max(0, millis))]++;
        total++;
    }

    /**
     * Records {@code now - startedAt[i]} for the first {@code count} entries, under one lock. The
     * records of one commit arrived close together, so most fall in the bucket of the one before:
     * that costs two comparisons instead of a logarithm each.
     */
    public synchronized void recordSince(long now, long[] startedAt, int count) {
        int bucket = 0;
        long lowest = 1;
        long highest = 0;
        for (int i = 0; i < count; i++) {
            long millis = Math.max(0, now - startedAt[i]);
            if (millis < lowest || millis > highest) {
                bucket = bucket(millis);
                lowest = LOWEST[bucket];
                highest = bucket + 1 < BUCKETS ? LOWEST[bucket + 1] - 1 : Long.MAX_VALUE;
            }
            counts[bucket]++;
        }
        total += count;
    }

    /** The {@code q} quantile (0 &lt; q ≤ 1) in milliseconds, or {@code null} when nothing was recorded. */
    public synchronized Double quantile(double q) {
        if (total == 0) {
            return null;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return upperBound(i);
            }
        }
        return upperBound(BUCKETS - 1);
    }

    /** Adds every latency {@code other} counted to this one's. */
    public synchronized void merge(LatencyHistogram other) {
        long[] theirs;
        synchronized (other) {
            theirs = other.counts.clone();
        }
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += theirs[i];
            total += theirs[i];
        }
    }

    /** For each bucket the smallest latency {@link #bucket} puts in it, found by bisection. */
    private static long[] lowestOfEachBucket() {
        long[] lowest = new long[BUCKETS];
        for (int b = 1; b < BUCKETS; b++) {
            long below = lowest[b - 1];
            long atOrAbove = Long.MAX_VALUE / 2;
            while (atOrAbove - below > 1) {
                long middle = below + (atOrAbove - below) / 2;
                if (bucket(middle) >= b) {
                    atOrAbove = middle;
                } else {
                    below = middle;
                }
            }
            lowest[b] = atOrAbove;
        }
        return lowest;
    }

    private static int bucket(long millis) {
        if (millis < EXACT) {
            return (int) millis;
        }
        int index = EXACT + (int) (Math.log((double) millis / EXACT) / GROWTH);
        return Math.min(index, BUCKETS - 1);
    }

    private static double upperBound(int bucket) {
        if (bucket < EXACT) {
            return bucket;
        }
        return Math.round(EXACT * Math.exp((bucket - EXACT + 1) * GROWTH));
    }
}
