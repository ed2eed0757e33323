package org.hyperiot.streaming.benchmark.saga.report;

import java.util.Objects;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/**
 * One contestant's run of a burst of sagas: every start sent at once, the run over when every saga's
 * COMPLETED state is in the log.
 *
 * @param round        which round of the benchmark (from 1)
 * @param contestant   the system measured
 * @param sagas        sagas started
 * @param completed    sagas whose log reached COMPLETED (each counted once)
 * @param seconds      from the first start sent to the last COMPLETED record's append time; NaN if unknown
 * @param exchange     the records the run wrote, read back
 * @param cpuSeconds   CPU time of the contestant's process over those seconds; NaN if unknown
 * @param brokerCpuSeconds CPU time of the broker over those seconds (never counted as the contestant's);
 *                     NaN if unknown
 * @param benchmarkCpuSeconds CPU time of the benchmark's own JVM (the feed, the log reader) over those
 *                     seconds; NaN if unknown
 * @param otherCpuSeconds  CPU time of every other process of the machine over those seconds (other work on
 *                     the shared machine); NaN if unknown
 * @param verified     every saga COMPLETED exactly once, and the exchange as expected
 * @param verification a short account of the check
 */
public record ThroughputRun(int round, Contestant contestant, long sagas, long completed, double seconds,
        ExchangeCount exchange, double cpuSeconds, double brokerCpuSeconds, double benchmarkCpuSeconds, double otherCpuSeconds, boolean verified, String verification) {

    public ThroughputRun {
        Objects.requireNonNull(contestant, "contestant");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(verification, "verification");
    }

    public double sagasPerSecond() {
        return seconds > 0 ? sagas / seconds : Double.NaN;
    }

    /** Starts, commands, replies and log writes per second (see {@link ExchangeCount}). */
    public double messagesPerSecond() {
        return seconds > 0 ? exchange.messages() / seconds : Double.NaN;
    }

    /** Average cores the contestant's process used while the sagas ran. */
    public double cpuCores() {
        return seconds > 0 ? cpuSeconds / seconds : Double.NaN;
    }

    /** Average cores the broker used meanwhile, for the contestant's requests and transactions. */
    public double brokerCores() {
        return seconds > 0 ? brokerCpuSeconds / seconds : Double.NaN;
    }

    /** Average cores the benchmark's own JVM used meanwhile. */
    public double benchmarkCores() {
        return seconds > 0 ? benchmarkCpuSeconds / seconds : Double.NaN;
    }

    /** Average cores every other process of the machine used meanwhile. */
    public double otherCores() {
        return seconds > 0 ? otherCpuSeconds / seconds : Double.NaN;
    }

    public double cpuSecondsPerThousandSagas() {
        return sagas > 0 ? cpuSeconds * 1000 / sagas : Double.NaN;
    }
}
