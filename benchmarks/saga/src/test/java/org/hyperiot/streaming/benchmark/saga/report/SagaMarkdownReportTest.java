package org.hyperiot.streaming.benchmark.saga.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.benchmark.saga.report.Runs.latency;
import static org.hyperiot.streaming.benchmark.saga.report.Runs.run;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class SagaMarkdownReportTest {

    private static SagaReport report() {
        List<ThroughputRun> throughput = List.of(run(1, SagaContestants.RAW_LOOP, 20_000, 4.0, 6.0),
                run(1, SagaContestants.HYPERIOT, 20_000, 8.0, 12.0));
        List<LatencyRun> latency = List.of(latency(SagaContestants.HYPERIOT, 120, null),
                latency(SagaContestants.RAW_LOOP, 60, "1 of 2 | measured"));
        return new SagaReport(LocalDate.of(2026, 12, 7), List.of("2 cores"), throughput, latency,
                SagaGoals.evaluate(throughput, latency), List.of("how"), List.of());
    }

    @Test
    void theSummaryHasBothSystemsAndTheRatio() {
        String md = new SagaMarkdownReport().render(report());

        assertThat(md).startsWith("# Saga benchmark, 2026-12-07\n");
        assertThat(md).contains("| sagas/s | 2,500 | 5,000 | 0.50 × |");
        assertThat(md).contains("| messages/s | 27,500 | 55,000 | 0.50 × |");
        assertThat(md).contains("| CPU-s per 1,000 sagas (lower is cheaper) | 0.60 | 0.30 | 2.00 × |");
    }

    @Test
    void theExchangeIsPerSagaWithMeanSizes() {
        String md = new SagaMarkdownReport().render(report());

        assertThat(md).contains("| HyperIoT saga coordinator | 11.00 | 1.00 | 3.00 | 3.00 | 4.00 | 3.00 | 100 | 100 | 100 | 200 | 50 |");
    }

    @Test
    void latencyAndGoalsAreThereAndACellCannotBreakTheTable() {
        String md = new SagaMarkdownReport().render(report());

        assertThat(md).contains("| HyperIoT saga coordinator | 1,000 | 998 | 20,000 | 20 | 120 | 240 | 360 | 25 | 125 | 19 / 21 |  |");
        assertThat(md).contains("1 of 2 \\| measured");
        assertThat(md).contains("| HyperIoT ≥ 2,000 sagas/s | 2,500 sagas/s | met |");
        assertThat(md).contains("| HyperIoT messages/s ≥ 0.5 × the raw loop's | 0.50 × | met |");
        assertThat(md).contains("## Notes\n\nNone.\n");
    }
}
