package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.util.Objects;

/**
 * One contestant's maximum-throughput run of one scenario at one delivery guarantee, and whether
 * its output was checked to be correct. No text and no contestant may be null.
 *
 * @param scenario         e.g. {@code stateless} or {@code windowed}
 * @param guarantee        e.g. {@code at-least-once} or {@code exactly-once}
 * @param contestant       the system measured
 * @param inputRecords     records fed to the contestant
 * @param outputRecords    records the contestant produced
 * @param recordsPerSecond input records processed per second; NaN when unknown
 * @param cpuCoresUsed     average number of cores the contestant's process used while it processed the
 *                         measured part of the input; NaN when unknown
 * @param cpuSecondsPerMillionRecords CPU time of the contestant's process (never the broker's) per million
 *                         input records it processed; NaN when unknown
 * @param verified         whether the output matched what the input requires
 * @param verification     short human account of the check, e.g.
 *                         {@code 1,800,000 of 1,800,000 expected, 0 duplicates}
 */
public record ThroughputRun(String scenario, String guarantee, Contestant contestant, long inputRecords,
        long outputRecords, double recordsPerSecond, double cpuCoresUsed, double cpuSecondsPerMillionRecords,
        boolean verified, String verification) {

    public ThroughputRun {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(guarantee, "guarantee");
        Objects.requireNonNull(contestant, "contestant");
        Objects.requireNonNull(verification, "verification");
    }
}
