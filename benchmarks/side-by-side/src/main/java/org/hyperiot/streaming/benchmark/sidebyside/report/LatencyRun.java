package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.util.Objects;

/**
 * One contestant's end-to-end latency run: records fed at a fixed rate (a fraction of the
 * contestant's own maximum throughput) and the time from production to the result being readable.
 * Latencies are NaN when unknown. No text and no contestant may be null.
 *
 * @param scenario                 e.g. {@code stateless}
 * @param guarantee                e.g. {@code at-least-once}
 * @param contestant               the system measured
 * @param targetRecordsPerSecond   the rate the feed aimed at
 * @param achievedRecordsPerSecond the rate the feed reached
 * @param samples                  number of latencies measured
 * @param p50Millis                median latency, milliseconds
 * @param p99Millis                99th percentile, milliseconds
 * @param p999Millis               99.9th percentile, milliseconds
 * @param maxMillis                largest latency seen, milliseconds
 */
public record LatencyRun(String scenario, String guarantee, Contestant contestant, double targetRecordsPerSecond,
        double achievedRecordsPerSecond, long samples, double p50Millis, double p99Millis, double p999Millis,
        double maxMillis) {

    public LatencyRun {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(contestant, "contestant");
    }
}
