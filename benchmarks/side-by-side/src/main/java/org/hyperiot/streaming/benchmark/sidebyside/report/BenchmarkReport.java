package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Everything one side-by-side benchmark run found out, ready to be rendered. The lists are
 * immutable copies; no part and no list element may be null.
 *
 * @param date        the day the benchmark ran
 * @param environment one line per fact about the machine and software, e.g. {@code 2 cores}
 * @param throughput  the maximum-throughput runs
 * @param latency     the end-to-end latency runs
 * @param goals       the goals checked against the runs
 * @param notes       remarks a reader needs to interpret the figures
 */
public record BenchmarkReport(LocalDate date, List<String> environment, List<ThroughputRun> throughput,
        List<LatencyRun> latency, List<GoalCheck> goals, List<String> notes) {

    public BenchmarkReport {
        Objects.requireNonNull(date, "date");
        environment = List.copyOf(environment);
        throughput = List.copyOf(throughput);
        latency = List.copyOf(latency);
        goals = List.copyOf(goals);
        notes = List.copyOf(notes);
    }

    /**
     * The throughput runs grouped by scenario, then by guarantee within a scenario; scenarios,
     * guarantees and the runs within a group keep the order in which they first appear.
     *
     * @return the regrouped runs
     */
    public List<ThroughputRun> throughputByScenarioAndGuarantee() {
        return grouped(throughput, ThroughputRun::scenario, ThroughputRun::guarantee);
    }

    /**
     * The latency runs grouped like {@link #throughputByScenarioAndGuarantee()}.
     *
     * @return the regrouped runs
     */
    public List<LatencyRun> latencyByScenarioAndGuarantee() {
        return grouped(latency, LatencyRun::scenario, LatencyRun::guarantee);
    }

    private static <R> List<R> grouped(List<R> runs, Function<R, String> scenario, Function<R, String> guarantee) {
        Map<String, Map<String, List<R>>> groups = new LinkedHashMap<>();
        for (R run : runs) {
            groups.computeIfAbsent(scenario.apply(run), s -> new LinkedHashMap<>())
                    .computeIfAbsent(guarantee.apply(run), g -> new ArrayList<>())
                    .add(run);
        }
        List<R> ordered = new ArrayList<>(runs.size());
        groups.values().forEach(byGuarantee -> byGuarantee.values().forEach(ordered::addAll));
        return List.copyOf(ordered);
    }
}
