package org.hyperiot.streaming.benchmark.saga.report;

import java.util.Objects;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/**
 * One contestant's latency run: sagas started at a steady rate (a share of its own maximum), each
 * measured from the feed's send of its start to its COMPLETED log record.
 *
 * @param contestant   the system measured
 * @param targetRate   sagas per second the feed aimed at
 * @param achievedRate sagas per second the feed sent in the measured seconds
 * @param measured     sagas started in the measured seconds
 * @param appended     start-to-COMPLETED latency: the COMPLETED record's append time (the broker's
 *                     timestamp) minus the send time, of the measured sagas that completed
 * @param seen         the same up to when the benchmark's {@code read_committed} reader had the record
 *                     (after the transaction's commit), for comparison
 * @param p50FirstHalf median latency of the sagas started in the first half of the measured seconds
 * @param p50SecondHalf the same for the second half: much higher than the first when a backlog grew,
 *                     that is, when the rate was more than the contestant could keep up with
 * @param problem      what went wrong (sagas that did not complete), or null
 */
public record LatencyRun(Contestant contestant, double targetRate, double achievedRate, long measured,
        LatencyQuantiles appended, LatencyQuantiles seen, double p50FirstHalf, double p50SecondHalf, String problem) {

    public LatencyRun {
        Objects.requireNonNull(contestant, "contestant");
        Objects.requireNonNull(appended, "appended");
        Objects.requireNonNull(seen, "seen");
    }
}
