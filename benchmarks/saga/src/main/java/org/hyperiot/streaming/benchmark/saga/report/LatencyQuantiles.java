package org.hyperiot.streaming.benchmark.saga.report;

import java.util.Arrays;

/**
 * Quantiles of a set of latencies in milliseconds, nearest-rank (the smallest value with at least that
 * share of the values at or below it), as the side-by-side benchmark computes them. NaN when there are
 * no values.
 *
 * @param samples how many latencies
 * @param p50     the median
 * @param p99     99th percentile
 * @param p999    99.9th percentile
 * @param max     the largest
 */
public record LatencyQuantiles(long samples, double p50, double p99, double p999, double max) {

    public static final LatencyQuantiles NONE = new LatencyQuantiles(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    /** The quantiles of {@code latencies} (not changed: a sorted copy is taken). */
    public static LatencyQuantiles of(long[] latencies) {
        if (latencies.length == 0) {
            return NONE;
        }
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new LatencyQuantiles(sorted.length, nearestRank(sorted, 0.50), nearestRank(sorted, 0.99),
                nearestRank(sorted, 0.999), sorted[sorted.length - 1]);
    }

    /** The value of nearest rank {@code ceil(quantile × n)} in {@code sorted}. */
    static double nearestRank(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
