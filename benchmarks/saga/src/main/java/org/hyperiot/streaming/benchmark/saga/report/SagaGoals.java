package org.hyperiot.streaming.benchmark.saga.report;

import java.util.List;
import java.util.Optional;

import org.hyperiot.streaming.benchmark.sidebyside.report.Figures;
import org.hyperiot.streaming.benchmark.sidebyside.report.GoalCheck;

/**
 * The saga benchmark's goals for our coordinator, checked against one run's figures: at least 2,000
 * sagas/s on the 2-core machine, p99 start-to-COMPLETED at most 150 ms at 50 % of its own maximum, and
 * at least half the raw loop's messages/s in the same run. A goal without a verified figure is not met.
 */
public final class SagaGoals {

    public static final double MIN_SAGAS_PER_SECOND = 2_000;
    public static final double MAX_P99_MILLIS = 150;
    public static final double MIN_MESSAGE_RATIO = 0.5;

    private SagaGoals() {
    }

    public static List<GoalCheck> evaluate(List<ThroughputRun> throughput, List<LatencyRun> latency) {
        double sagasPerSecond = SagaReport.median(throughput, SagaContestants.HYPERIOT, ThroughputRun::sagasPerSecond);
        double messageRatio = SagaReport.medianRatio(throughput, SagaContestants.HYPERIOT, SagaContestants.RAW_LOOP,
                ThroughputRun::messagesPerSecond);
        Optional<LatencyRun> ours = latency.stream()
                .filter(run -> run.contestant().isSameSystemAs(SagaContestants.HYPERIOT)).findFirst();
        double p99 = ours.map(run -> run.appended().p99()).orElse(Double.NaN);
        boolean p99Complete = ours.isPresent() && ours.get().problem() == null;
        return List.of(
                new GoalCheck("HyperIoT ≥ " + Figures.grouped(MIN_SAGAS_PER_SECOND) + " sagas/s",
                        Double.isFinite(sagasPerSecond) ? Figures.grouped(sagasPerSecond) + " sagas/s"
                                : "no verified run",
                        sagasPerSecond >= MIN_SAGAS_PER_SECOND),
                new GoalCheck("HyperIoT start-to-COMPLETED p99 ≤ " + Figures.grouped(MAX_P99_MILLIS)
                        + " ms at 50 % of its maximum",
                        Double.isFinite(p99) ? Figures.grouped(p99) + " ms"
                                + (p99Complete ? "" : " (" + ours.get().problem() + ")") : "no latency run",
                        p99Complete && p99 <= MAX_P99_MILLIS),
                new GoalCheck("HyperIoT messages/s ≥ " + Figures.decimals(MIN_MESSAGE_RATIO, 1) + " × the raw loop's",
                        Double.isFinite(messageRatio) ? Figures.ratio(messageRatio) : "no round with both verified",
                        messageRatio >= MIN_MESSAGE_RATIO));
    }
}
