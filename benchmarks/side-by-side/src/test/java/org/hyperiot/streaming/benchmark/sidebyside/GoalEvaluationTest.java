package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;
import org.hyperiot.streaming.benchmark.sidebyside.report.GoalCheck;
import org.hyperiot.streaming.benchmark.sidebyside.report.LatencyRun;
import org.hyperiot.streaming.benchmark.sidebyside.report.ThroughputRun;
import org.junit.jupiter.api.Test;

class GoalEvaluationTest {

    private static final String AMO = "at-most-once";
    private static final String ALO = "at-least-once";
    private static final String EOS = "exactly-once";

    @Test
    void holdsOurCpuPerRecordToTheRawLoopsOfTheSameStatelessRunAtEachGuarantee() {
        List<ThroughputRun> runs = List.of(
                run("stateless", ALO, Contestant.RAW_LOOP, 400_000, 3.0),
                run("stateless", ALO, Contestant.HYPERIOT_NATIVE, 400_000, 3.6),
                run("stateless", ALO, Contestant.HYPERIOT_MICRO_BATCH, 400_000, 3.91),
                run("stateless", EOS, Contestant.RAW_LOOP, 300_000, 4.0),
                run("stateless", EOS, Contestant.HYPERIOT_NATIVE, 300_000, 6.0),
                run("stateless", EOS, Contestant.HYPERIOT_MICRO_BATCH, 300_000, 2.0),
                run("stateless", AMO, Contestant.RAW_LOOP, 400_000, 2.0),
                run("stateless", AMO, Contestant.HYPERIOT_NATIVE, 400_000, 2.7),
                // Windowed: the raw loop keeps no changelog, so its CPU is no goal.
                run("windowed", ALO, Contestant.RAW_LOOP, 400_000, 1.0),
                run("windowed", ALO, Contestant.HYPERIOT_NATIVE, 400_000, 9.0));

        Map<String, GoalCheck> goals = goals(runs, List.of());

        assertThat(goals.get("HyperIoT native stateless at-least-once CPU per record ≤ 1.3 × raw loop"))
                .isEqualTo(new GoalCheck("HyperIoT native stateless at-least-once CPU per record ≤ 1.3 × raw loop",
                        "1.20 ×", true));
        assertThat(goals.get("HyperIoT micro-batch stateless at-least-once CPU per record ≤ 1.3 × raw loop")
                .met()).isFalse();
        assertThat(goals.get("HyperIoT native stateless exactly-once CPU per record ≤ 1.3 × raw loop"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("1.50 ×", false);
        assertThat(goals.get("HyperIoT micro-batch stateless exactly-once CPU per record ≤ 1.3 × raw loop"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("0.50 ×", true);
        assertThat(goals.get("HyperIoT native stateless at-most-once CPU per record ≤ 1.3 × raw loop"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("1.35 ×", false);
        // No at-most-once run of micro-batch: no goal rather than a guess.
        assertThat(goals).doesNotContainKey("HyperIoT micro-batch stateless at-most-once CPU per record ≤ 1.3 × raw loop");
        assertThat(goals.keySet()).noneMatch(goal -> goal.contains("windowed") && goal.contains("CPU"));
    }

    @Test
    void leavesOutACpuGoalWhoseFiguresAreUnknownOrWhoseOutputIsWrong() {
        List<ThroughputRun> runs = new ArrayList<>(List.of(
                run("stateless", ALO, Contestant.RAW_LOOP, 400_000, Double.NaN),
                run("stateless", ALO, Contestant.HYPERIOT_NATIVE, 400_000, 3.0),
                run("stateless", EOS, Contestant.RAW_LOOP, 300_000, 4.0)));
        runs.add(new ThroughputRun("stateless", EOS, Contestant.HYPERIOT_NATIVE, 1_000_000, 10, 300_000, 1.0, 4.0,
                false, "10 of 900,000 expected"));

        assertThat(goals(runs, List.of()).keySet()).noneMatch(goal -> goal.contains("CPU"));
    }

    @Test
    void holdsWindowedExactlyOnceToItsAtLeastOnceInBothModes() {
        List<ThroughputRun> runs = List.of(
                run("windowed", ALO, Contestant.HYPERIOT_NATIVE, 800_000, 2.0),
                run("windowed", EOS, Contestant.HYPERIOT_NATIVE, 680_000, 2.0),
                run("windowed", ALO, Contestant.HYPERIOT_MICRO_BATCH, 800_000, 2.0),
                run("windowed", EOS, Contestant.HYPERIOT_MICRO_BATCH, 600_000, 2.0));

        Map<String, GoalCheck> goals = goals(runs, List.of());

        assertThat(goals.get("HyperIoT native windowed exactly-once ≥ 0.85 × its at-least-once"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("0.85 ×", true);
        assertThat(goals.get("HyperIoT micro-batch windowed exactly-once ≥ 0.85 × its at-least-once"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("0.75 ×", false);
    }

    @Test
    void holdsTheRepartitioningScenarioToOneAndAHalfTimesKafkaStreamsWithoutTheRawLoop() {
        List<ThroughputRun> runs = List.of(
                run("windowed-by-site", ALO, Contestant.KAFKA_STREAMS, 100_000, 12.0),
                run("windowed-by-site", ALO, Contestant.HYPERIOT_NATIVE, 150_000, 4.0),
                run("windowed-by-site", ALO, Contestant.HYPERIOT_MICRO_BATCH, 149_000, 4.0),
                run("windowed-by-site", EOS, Contestant.KAFKA_STREAMS, 80_000, 12.0),
                run("windowed-by-site", EOS, Contestant.HYPERIOT_NATIVE, 200_000, 4.0));

        Map<String, GoalCheck> goals = goals(runs, List.of());

        assertThat(goals.get("HyperIoT native windowed-by-site at-least-once ≥ 1.5 × Kafka Streams"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("1.50 ×", true);
        assertThat(goals.get("HyperIoT micro-batch windowed-by-site at-least-once ≥ 1.5 × Kafka Streams"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("1.49 ×", false);
        assertThat(goals.get("HyperIoT native windowed-by-site exactly-once ≥ 1.5 × Kafka Streams"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("2.50 ×", true);
        // No micro-batch exactly-once run, and no raw loop in this scenario: no such goals.
        assertThat(goals).doesNotContainKey("HyperIoT micro-batch windowed-by-site exactly-once ≥ 1.5 × Kafka Streams");
        assertThat(goals.keySet()).noneMatch(goal -> goal.contains("windowed-by-site") && goal.contains("raw loop"));
    }

    @Test
    void holdsOurStormEngineToTheHandWrittenTopologyAndItsExactlyOnceToItsAtLeastOnce() {
        List<ThroughputRun> runs = List.of(
                run("stateless", ALO, Contestant.STORM_TOPOLOGY, 100_000, 6.0),
                run("stateless", ALO, Contestant.HYPERIOT_STORM, 99_000, 6.0),
                run("stateless", EOS, Contestant.HYPERIOT_STORM, 80_000, 6.0),
                // The kafka engine's figures are no reference for the storm engine's goals.
                run("stateless", ALO, Contestant.HYPERIOT_NATIVE, 400_000, 3.0),
                run("stateless", EOS, Contestant.HYPERIOT_NATIVE, 10_000, 3.0));

        Map<String, GoalCheck> goals = goals(runs, List.of());

        assertThat(goals.get("HyperIoT on Storm stateless at-least-once ≥ 1.0 × hand-written Storm topology"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("0.99 ×", false);
        assertThat(goals.get("HyperIoT on Storm stateless exactly-once ≥ 0.8 × its at-least-once"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("0.81 ×", true);
        // The hand-written topology is no contestant of the kafka engine's goals, nor the other way round.
        assertThat(goals.keySet()).filteredOn(goal -> goal.startsWith("HyperIoT on Storm")).hasSize(2);
        assertThat(goals.keySet()).filteredOn(goal -> goal.startsWith("HyperIoT native"))
                .noneMatch(goal -> goal.contains("Storm"));
    }

    @Test
    void leavesOutTheStormGoalsWhenARunIsMissingOrItsOutputIsWrong() {
        List<ThroughputRun> runs = new ArrayList<>(List.of(
                run("stateless", ALO, Contestant.HYPERIOT_STORM, 99_000, 6.0),
                run("stateless", EOS, Contestant.HYPERIOT_STORM, 80_000, 6.0)));
        runs.add(new ThroughputRun("stateless", ALO, Contestant.STORM_TOPOLOGY, 1_000_000, 10, 300_000, 1.0, 4.0,
                false, "10 of 900,000 expected"));

        Map<String, GoalCheck> goals = goals(runs, List.of());

        assertThat(goals).doesNotContainKey("HyperIoT on Storm stateless at-least-once ≥ 1.0 × hand-written Storm topology");
        assertThat(goals).containsKey("HyperIoT on Storm stateless exactly-once ≥ 0.8 × its at-least-once");
    }

    @Test
    void holdsNativeAtLeastOnceP99ToTenMilliseconds() {
        List<LatencyRun> latency = List.of(
                new LatencyRun("stateless", ALO, Contestant.RAW_LOOP, 200_000, 200_000, 1_000, 5, 8, 9, 9),
                new LatencyRun("stateless", ALO, Contestant.HYPERIOT_NATIVE, 190_000, 190_000, 1_000, 4, 10.4, 30,
                        40));

        assertThat(goals(List.of(), latency).get("HyperIoT native at-least-once p99 ≤ 10 ms at 190,000 records/s"))
                .extracting(GoalCheck::measured, GoalCheck::met).containsExactly("10.4 ms", false);
    }

    private static Map<String, GoalCheck> goals(List<ThroughputRun> throughput, List<LatencyRun> latency) {
        return new GoalEvaluation(throughput, latency).goals().stream()
                .collect(Collectors.toMap(GoalCheck::goal, Function.identity()));
    }

    private static ThroughputRun run(String scenario, String guarantee, Contestant contestant, double rate,
            double cpuSecondsPerMillionRecords) {
        return new ThroughputRun(scenario, guarantee, contestant, 1_000_000, 900_000, rate, 1.0,
                cpuSecondsPerMillionRecords, true, "900,000 of 900,000 expected");
    }
}
