package org.hyperiot.streaming.benchmark.sidebyside;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;
import org.hyperiot.streaming.benchmark.sidebyside.report.GoalCheck;
import org.hyperiot.streaming.benchmark.sidebyside.report.LatencyRun;
import org.hyperiot.streaming.benchmark.sidebyside.report.ThroughputRun;

/**
 * The goals our runtime is held to, as ratios measured in the same run: on the kafka engine against the
 * raw loop and Kafka Streams, on the storm engine against a hand-written Storm topology on the same
 * Storm. A goal whose figures are missing (a contestant or scenario left out, an output that failed
 * verification) is not listed: a wrong output has no speed. The CPU goal compares the stateless
 * pipeline only: there the raw loop does the same work as we do, while its windows keep no changelog.
 */
final class GoalEvaluation {

    private final List<ThroughputRun> throughput;
    private final List<LatencyRun> latency;

    GoalEvaluation(List<ThroughputRun> throughput, List<LatencyRun> latency) {
        this.throughput = throughput;
        this.latency = latency;
    }

    List<GoalCheck> goals() {
        List<GoalCheck> goals = new ArrayList<>();
        String alo = Guarantee.AT_LEAST_ONCE.id();
        String eos = Guarantee.EXACTLY_ONCE.id();
        String stateless = Scenario.STATELESS.id();
        String windowed = Scenario.WINDOWED.id();
        String windowedBySite = Scenario.WINDOWED_BY_SITE.id();
        for (Contestant ours : List.of(Contestant.HYPERIOT_NATIVE, Contestant.HYPERIOT_MICRO_BATCH)) {
            ratio(goals, ours.label() + " stateless at-least-once ≥ 0.9 × raw loop",
                    rate(stateless, alo, ours), rate(stateless, alo, Contestant.RAW_LOOP), 0.9);
            ratio(goals, ours.label() + " stateless at-least-once ≥ 1.2 × Kafka Streams",
                    rate(stateless, alo, ours), rate(stateless, alo, kafkaStreams()), 1.2);
            for (String scenario : List.of(stateless, windowed)) {
                ratio(goals, ours.label() + " " + scenario + " exactly-once ≥ 0.85 × its at-least-once",
                        rate(scenario, eos, ours), rate(scenario, alo, ours), 0.85);
            }
            for (String scenario : List.of(windowed, windowedBySite)) {
                for (String guarantee : List.of(alo, eos)) {
                    ratio(goals, ours.label() + " " + scenario + " " + guarantee + " ≥ 1.5 × Kafka Streams",
                            rate(scenario, guarantee, ours), rate(scenario, guarantee, kafkaStreams()), 1.5);
                }
            }
            for (String guarantee : List.of(Guarantee.AT_MOST_ONCE.id(), alo, eos)) {
                atMost(goals, ours.label() + " stateless " + guarantee + " CPU per record ≤ 1.3 × raw loop",
                        cpuPerRecord(stateless, guarantee, ours), cpuPerRecord(stateless, guarantee,
                                Contestant.RAW_LOOP), 1.3);
            }
        }
        // On Storm, against what a Storm user writes by hand on the same cluster, and its own at-least-once.
        ratio(goals, Contestant.HYPERIOT_STORM.label() + " stateless at-least-once ≥ 1.0 × "
                + Contestant.STORM_TOPOLOGY.label(), rate(stateless, alo, Contestant.HYPERIOT_STORM),
                rate(stateless, alo, Contestant.STORM_TOPOLOGY), 1.0);
        ratio(goals, Contestant.HYPERIOT_STORM.label() + " stateless exactly-once ≥ 0.8 × its at-least-once",
                rate(stateless, eos, Contestant.HYPERIOT_STORM), rate(stateless, alo, Contestant.HYPERIOT_STORM), 0.8);
        latency.stream()
                .filter(run -> run.contestant().id().equals(Contestant.HYPERIOT_NATIVE.id())
                        && run.guarantee().equals(alo) && !Double.isNaN(run.p99Millis()))
                .findFirst()
                .ifPresent(run -> goals.add(new GoalCheck("HyperIoT native at-least-once p99 ≤ 10 ms at "
                        + String.format(Locale.ROOT, "%,.0f", run.targetRecordsPerSecond()) + " records/s",
                        String.format(Locale.ROOT, "%.1f ms", run.p99Millis()), run.p99Millis() <= 10)));
        return goals;
    }

    private Contestant kafkaStreams() {
        return throughput.stream().map(ThroughputRun::contestant)
                .filter(contestant -> contestant.id().equals(Contestant.KAFKA_STREAMS.id()))
                .findFirst().orElse(Contestant.KAFKA_STREAMS);
    }

    private Optional<Double> rate(String scenario, String guarantee, Contestant contestant) {
        return figure(scenario, guarantee, contestant, ThroughputRun::recordsPerSecond);
    }

    private Optional<Double> cpuPerRecord(String scenario, String guarantee, Contestant contestant) {
        return figure(scenario, guarantee, contestant, ThroughputRun::cpuSecondsPerMillionRecords);
    }

    /** The figure of a verified run, if there is one with a positive, finite figure. */
    private Optional<Double> figure(String scenario, String guarantee, Contestant contestant,
            ToDoubleFunction<ThroughputRun> figure) {
        return throughput.stream()
                .filter(run -> run.scenario().equals(scenario) && run.guarantee().equals(guarantee)
                        && run.contestant().id().equals(contestant.id()) && run.verified())
                .map(figure::applyAsDouble)
                .filter(value -> value > 0 && Double.isFinite(value))
                .findFirst();
    }

    private static void ratio(List<GoalCheck> goals, String goal, Optional<Double> measured,
            Optional<Double> reference, double target) {
        if (measured.isPresent() && reference.isPresent()) {
            double ratio = measured.get() / reference.get();
            goals.add(new GoalCheck(goal, String.format(Locale.ROOT, "%.2f ×", ratio), ratio >= target));
        }
    }

    /** A goal met when {@code measured} is at most {@code limit} times {@code reference} (lower is better). */
    private static void atMost(List<GoalCheck> goals, String goal, Optional<Double> measured,
            Optional<Double> reference, double limit) {
        if (measured.isPresent() && reference.isPresent()) {
            double ratio = measured.get() / reference.get();
            goals.add(new GoalCheck(goal, String.format(Locale.ROOT, "%.2f ×", ratio), ratio <= limit));
        }
    }
}
