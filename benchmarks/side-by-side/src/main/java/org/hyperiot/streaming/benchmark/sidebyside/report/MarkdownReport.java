package org.hyperiot.streaming.benchmark.sidebyside.report;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * Renders a {@link BenchmarkReport} as a Markdown document: environment, chart, throughput, our two
 * engines side by side, latency, goals and notes. Throughput is compared with the raw kafka-clients loop
 * and with Kafka Streams running the same scenario at the same guarantee, never across scenarios or
 * guarantees; so is the CPU time per record, with the raw loop. When our runtime ran on Storm too, a
 * second table puts its {@code storm} engine beside its {@code kafka} engine (native mode) and the
 * hand-written Storm topology, scenario by scenario.
 */
public final class MarkdownReport {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    /**
     * Renders the report.
     *
     * @param report        the results
     * @param chartFileName the chart's file name or path relative to where the Markdown is saved
     * @return the Markdown text, ending with a line break
     */
    public String render(BenchmarkReport report, String chartFileName) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(chartFileName, "chartFileName");
        StringBuilder md = new StringBuilder();
        md.append("# Side-by-side benchmark, ").append(DAY.format(report.date())).append("\n\n");

        md.append("## Environment\n\n");
        bullets(md, report.environment(), "Not recorded.");

        md.append("![throughput and latency](").append(linkTarget(chartFileName)).append(")\n\n");

        md.append("## Throughput\n\n");
        throughput(md, report);

        engines(md, report);

        md.append("## Latency\n\n");
        latency(md, report);

        md.append("## Goals\n\n");
        goals(md, report.goals());

        if (!report.notes().isEmpty()) {
            md.append("## Notes\n\n");
            bullets(md, report.notes(), "");
        }
        return md.toString();
    }

    private static void throughput(StringBuilder md, BenchmarkReport report) {
        List<ThroughputRun> runs = report.throughputByScenarioAndGuarantee();
        if (runs.isEmpty()) {
            md.append("No throughput runs.\n\n");
            return;
        }
        md.append("| scenario | guarantee | system | records/s | × raw loop | × Kafka Streams | CPU cores"
                + " | CPU-s per M records | CPU × raw loop | output verified |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
        for (ThroughputRun run : runs) {
            row(md,
                    run.scenario(),
                    run.guarantee(),
                    run.contestant().label(),
                    Figures.grouped(run.recordsPerSecond()),
                    ratioTo(Contestant.RAW_LOOP, run, runs, ThroughputRun::recordsPerSecond),
                    ratioTo(Contestant.KAFKA_STREAMS, run, runs, ThroughputRun::recordsPerSecond),
                    Figures.decimals(run.cpuCoresUsed(), 2),
                    Figures.decimals(run.cpuSecondsPerMillionRecords(), 2),
                    ratioTo(Contestant.RAW_LOOP, run, runs, ThroughputRun::cpuSecondsPerMillionRecords),
                    verification(run));
        }
        md.append('\n');
    }

    /**
     * The run's figure as a multiple of the reference system's run with the same scenario and
     * guarantee, or "–" when there is no such run or it has no usable figure.
     */
    private static String ratioTo(Contestant reference, ThroughputRun run, List<ThroughputRun> runs,
            ToDoubleFunction<ThroughputRun> figure) {
        Optional<ThroughputRun> referenceRun = runs.stream()
                .filter(candidate -> candidate.contestant().isSameSystemAs(reference)
                        && candidate.scenario().equals(run.scenario())
                        && candidate.guarantee().equals(run.guarantee()))
                .findFirst();
        if (referenceRun.isEmpty()) {
            return Figures.NOT_AVAILABLE;
        }
        double denominator = figure.applyAsDouble(referenceRun.get());
        if (!(denominator > 0) || Double.isInfinite(denominator)) {
            return Figures.NOT_AVAILABLE;
        }
        return Figures.ratio(figure.applyAsDouble(run) / denominator);
    }

    /**
     * The kafka and storm engines of our runtime side by side, for every scenario and guarantee the storm
     * engine ran; nothing when it ran none. Ratios are between verified runs only.
     */
    private static void engines(StringBuilder md, BenchmarkReport report) {
        List<ThroughputRun> runs = report.throughputByScenarioAndGuarantee();
        List<ThroughputRun> onStorm = runs.stream()
                .filter(run -> run.contestant().isSameSystemAs(Contestant.HYPERIOT_STORM)).toList();
        if (onStorm.isEmpty()) {
            return;
        }
        md.append("## Kafka and Storm engines\n\n");
        md.append("The same stream definitions on both engines of HyperIoT: kafka is ")
                .append(Contestant.HYPERIOT_NATIVE.label())
                .append(" (the streams run inside the node), storm is ").append(Contestant.HYPERIOT_STORM.label())
                .append(" (each stream a topology of the node's Storm, in a worker JVM of its own). CPU: the node's"
                        + " JVM for kafka, the topology's worker processes for storm and for the ")
                .append(Contestant.STORM_TOPOLOGY.label()).append(". Ratios between verified runs only.\n\n");
        md.append("| scenario | guarantee | kafka engine records/s | storm engine records/s | storm ÷ kafka"
                + " | kafka engine CPU-s per M records | storm engine CPU-s per M records | ")
                .append(Contestant.STORM_TOPOLOGY.label()).append(" records/s | storm engine × ")
                .append(Contestant.STORM_TOPOLOGY.label()).append(" |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ThroughputRun storm : onStorm) {
            Optional<ThroughputRun> kafka = sameConditions(Contestant.HYPERIOT_NATIVE, storm, runs);
            Optional<ThroughputRun> handWritten = sameConditions(Contestant.STORM_TOPOLOGY, storm, runs);
            row(md,
                    storm.scenario(),
                    storm.guarantee(),
                    kafka.map(run -> figure(run, Figures.grouped(run.recordsPerSecond()))).orElse(Figures.NOT_AVAILABLE),
                    figure(storm, Figures.grouped(storm.recordsPerSecond())),
                    verifiedRatio(storm, kafka, ThroughputRun::recordsPerSecond),
                    kafka.map(run -> figure(run, Figures.decimals(run.cpuSecondsPerMillionRecords(), 2)))
                            .orElse(Figures.NOT_AVAILABLE),
                    figure(storm, Figures.decimals(storm.cpuSecondsPerMillionRecords(), 2)),
                    handWritten.map(run -> figure(run, Figures.grouped(run.recordsPerSecond())))
                            .orElse(Figures.NOT_AVAILABLE),
                    verifiedRatio(storm, handWritten, ThroughputRun::recordsPerSecond));
        }
        md.append('\n');
    }

    private static Optional<ThroughputRun> sameConditions(Contestant system, ThroughputRun run,
            List<ThroughputRun> runs) {
        return runs.stream()
                .filter(candidate -> candidate.contestant().isSameSystemAs(system)
                        && candidate.scenario().equals(run.scenario())
                        && candidate.guarantee().equals(run.guarantee()))
                .findFirst();
    }

    /** A figure as written, marked when the run's output was wrong. */
    private static String figure(ThroughputRun run, String text) {
        return run.verified() ? text : text + " (wrong output)";
    }

    private static String verifiedRatio(ThroughputRun run, Optional<ThroughputRun> reference,
            ToDoubleFunction<ThroughputRun> figure) {
        if (reference.isEmpty() || !run.verified() || !reference.get().verified()) {
            return Figures.NOT_AVAILABLE;
        }
        double denominator = figure.applyAsDouble(reference.get());
        if (!(denominator > 0) || Double.isInfinite(denominator)) {
            return Figures.NOT_AVAILABLE;
        }
        return Figures.ratio(figure.applyAsDouble(run) / denominator);
    }

    private static String verification(ThroughputRun run) {
        String account = run.verification().isBlank() ? "" : ": " + run.verification();
        // Bold so that an unverified figure cannot be mistaken for a result while skimming the table.
        return run.verified() ? "yes" + account : "**NO**" + account;
    }

    private static void latency(StringBuilder md, BenchmarkReport report) {
        List<LatencyRun> runs = report.latencyByScenarioAndGuarantee();
        if (runs.isEmpty()) {
            md.append("No latency runs.\n\n");
            return;
        }
        md.append("| scenario | guarantee | system | target records/s | achieved records/s | samples"
                + " | p50 ms | p99 ms | p99.9 ms | max ms |\n");
        md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencyRun run : runs) {
            row(md,
                    run.scenario(),
                    run.guarantee(),
                    run.contestant().label(),
                    Figures.grouped(run.targetRecordsPerSecond()),
                    Figures.grouped(run.achievedRecordsPerSecond()),
                    Figures.grouped(run.samples()),
                    Figures.groupedDecimals(run.p50Millis(), 1),
                    Figures.groupedDecimals(run.p99Millis(), 1),
                    Figures.groupedDecimals(run.p999Millis(), 1),
                    Figures.groupedDecimals(run.maxMillis(), 1));
        }
        md.append('\n');
    }

    private static void goals(StringBuilder md, List<GoalCheck> goals) {
        if (goals.isEmpty()) {
            md.append("No goals checked.\n\n");
            return;
        }
        md.append("| goal | measured | met |\n");
        md.append("|---|---|---|\n");
        for (GoalCheck goal : goals) {
            row(md, goal.goal(), goal.measured(), goal.met() ? "met" : "**not met**");
        }
        md.append('\n');
    }

    private static void row(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(cell(cell)).append(" |");
        }
        md.append('\n');
    }

    /**
     * Text made safe for a table cell: a bare '|' would start a new column and a line break would
     * end the row.
     */
    static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }

    private static void bullets(StringBuilder md, List<String> items, String whenEmpty) {
        if (items.isEmpty()) {
            md.append(whenEmpty).append("\n\n");
            return;
        }
        // A line break inside an item would end the bullet and start a paragraph.
        items.forEach(item -> md.append("- ").append(item.replaceAll("\\R", " ")).append('\n'));
        md.append('\n');
    }

    /**
     * CommonMark ends a link destination at the first space or unbalanced parenthesis unless it is
     * wrapped in angle brackets.
     */
    private static String linkTarget(String fileName) {
        return fileName.matches(".*[\\s()<>].*") ? "<" + fileName.replace("<", "%3C").replace(">", "%3E") + ">"
                : fileName;
    }
}
