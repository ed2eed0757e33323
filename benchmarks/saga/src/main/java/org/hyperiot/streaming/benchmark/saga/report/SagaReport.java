package org.hyperiot.streaming.benchmark.saga.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;
import org.hyperiot.streaming.benchmark.sidebyside.report.GoalCheck;

/**
 * Everything one saga benchmark run found out, ready to be rendered. The lists are immutable copies.
 *
 * @param date        the day the benchmark ran
 * @param environment one line per fact about the machine, the software and the settings
 * @param throughput  the burst runs, in the order they ran
 * @param latency     the latency runs
 * @param goals       the goals checked
 * @param method      how the figures are made
 * @param notes       remarks on this run
 */
public record SagaReport(LocalDate date, List<String> environment, List<ThroughputRun> throughput,
        List<LatencyRun> latency, List<GoalCheck> goals, List<String> method, List<String> notes) {

    public SagaReport {
        Objects.requireNonNull(date, "date");
        environment = List.copyOf(environment);
        throughput = List.copyOf(throughput);
        latency = List.copyOf(latency);
        goals = List.copyOf(goals);
        method = List.copyOf(method);
        notes = List.copyOf(notes);
    }

    /** The median of a figure over the contestant's verified runs; NaN without one. */
    public static double median(List<ThroughputRun> runs, Contestant contestant, ToDoubleFunction<ThroughputRun> figure) {
        List<Double> values = new ArrayList<>();
        for (ThroughputRun run : runs) {
            if (run.contestant().isSameSystemAs(contestant) && run.verified()) {
                double value = figure.applyAsDouble(run);
                if (Double.isFinite(value)) {
                    values.add(value);
                }
            }
        }
        return median(values);
    }

    /**
     * The median over the rounds of {@code figure(a) / figure(b)}, each ratio within one round (so that
     * load that hits a round hits both contestants); rounds without a verified run of both are left out.
     * NaN when no round has both.
     */
    public static double medianRatio(List<ThroughputRun> runs, Contestant a, Contestant b,
            ToDoubleFunction<ThroughputRun> figure) {
        List<Double> ratios = new ArrayList<>();
        for (ThroughputRun run : runs) {
            if (!run.contestant().isSameSystemAs(a) || !run.verified()) {
                continue;
            }
            Optional<ThroughputRun> other = runs.stream().filter(candidate -> candidate.round() == run.round()
                    && candidate.contestant().isSameSystemAs(b) && candidate.verified()).findFirst();
            if (other.isPresent()) {
                double ratio = figure.applyAsDouble(run) / figure.applyAsDouble(other.get());
                if (Double.isFinite(ratio)) {
                    ratios.add(ratio);
                }
            }
        }
        return median(ratios);
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
