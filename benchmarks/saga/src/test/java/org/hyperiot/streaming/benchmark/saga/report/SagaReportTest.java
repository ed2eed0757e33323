package org.hyperiot.streaming.benchmark.saga.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.benchmark.saga.report.Runs.run;

import java.util.List;

import org.junit.jupiter.api.Test;

class SagaReportTest {

    private static final List<ThroughputRun> THREE_ROUNDS = List.of(
            run(1, SagaContestants.RAW_LOOP, 10_000, 2.0, 3.0),
            run(1, SagaContestants.HYPERIOT, 10_000, 4.0, 6.0),
            run(2, SagaContestants.HYPERIOT, 10_000, 5.0, 7.0),
            run(2, SagaContestants.RAW_LOOP, 10_000, 4.0, 3.0),
            run(3, SagaContestants.RAW_LOOP, 10_000, 2.5, 3.0),
            run(3, SagaContestants.HYPERIOT, 10_000, 3.0, 6.0));

    @Test
    void figuresOfARun() {
        ThroughputRun run = run(1, SagaContestants.HYPERIOT, 10_000, 4.0, 6.0);

        assertThat(run.sagasPerSecond()).isEqualTo(2500);
        assertThat(run.messagesPerSecond()).isEqualTo(27_500);
        assertThat(run.cpuCores()).isEqualTo(1.5);
        assertThat(run.cpuSecondsPerThousandSagas()).isEqualTo(0.6);
        assertThat(run.brokerCores()).isEqualTo(0.5);
        assertThat(run.benchmarkCores()).isEqualTo(0.1);
        assertThat(run.otherCores()).isEqualTo(0.25);
    }

    @Test
    void theMedianOfAContestantsRuns() {
        assertThat(SagaReport.median(THREE_ROUNDS, SagaContestants.HYPERIOT, ThroughputRun::sagasPerSecond))
                .isEqualTo(2500);
        assertThat(SagaReport.median(THREE_ROUNDS, SagaContestants.RAW_LOOP, ThroughputRun::sagasPerSecond))
                .isEqualTo(4000);
    }

    @Test
    void theRatioIsTheMedianOfTheRatiosWithinEachRound() {
        // Round ratios 0.5, 0.8 and 0.8333: the median is 0.8, not 2500 / 4000.
        assertThat(SagaReport.medianRatio(THREE_ROUNDS, SagaContestants.HYPERIOT, SagaContestants.RAW_LOOP,
                ThroughputRun::sagasPerSecond)).isEqualTo(0.8);
    }

    @Test
    void unverifiedRunsAndRoundsWithoutBothCountForNothing() {
        ThroughputRun wrong = new ThroughputRun(1, SagaContestants.HYPERIOT, 10, 9, 1.0, ExchangeCount.NONE, 1, 1, 1, 1, false,
                "9 of 10 COMPLETED");
        List<ThroughputRun> runs = List.of(wrong, run(1, SagaContestants.RAW_LOOP, 10_000, 2.0, 3.0),
                run(2, SagaContestants.HYPERIOT, 10_000, 4.0, 6.0));

        assertThat(SagaReport.median(runs, SagaContestants.HYPERIOT, ThroughputRun::sagasPerSecond)).isEqualTo(2500);
        assertThat(SagaReport.medianRatio(runs, SagaContestants.HYPERIOT, SagaContestants.RAW_LOOP,
                ThroughputRun::sagasPerSecond)).isNaN();
    }

    @Test
    void anEvenNumberOfValuesHasTheMeanOfTheMiddleTwo() {
        assertThat(SagaReport.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(SagaReport.median(List.of())).isNaN();
    }
}
