package org.hyperiot.streaming.benchmark.saga.report;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/** Runs for the report tests. */
final class Runs {

    private Runs() {
    }

    /** A verified burst of {@code sagas} in {@code seconds}, using {@code cpuSeconds}, 11 messages a saga. */
    static ThroughputRun run(int round, Contestant contestant, long sagas, double seconds, double cpuSeconds) {
        ExchangeCount exchange = new ExchangeCount(sagas, 3 * sagas, 3 * sagas, 4 * sagas, 3 * sagas,
                100 * sagas, 300 * sagas, 300 * sagas, 800 * sagas, 150 * sagas);
        return new ThroughputRun(round, contestant, sagas, sagas, seconds, exchange, cpuSeconds, seconds / 2, seconds / 10, seconds / 4, true,
                sagas + " of " + sagas + " COMPLETED");
    }

    static LatencyRun latency(Contestant contestant, double p99, String problem) {
        return new LatencyRun(contestant, 1000, 998, 20_000, new LatencyQuantiles(20_000, 20, p99, p99 * 2, p99 * 3),
                new LatencyQuantiles(20_000, 25, p99 + 5, p99 * 2, p99 * 3), 19, 21, problem);
    }
}
