package org.hyperiot.streaming.benchmark.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The Markdown report of one benchmark run: per-round throughput of every variant, medians, and the
 * connector-to-plain ratio. The ratio is the median of per-round ratios: the variants of a round run
 * back to back, so load that hits the machine during a round hits all of them.
 */
final class ThroughputReport {

    static final double GOAL = 0.95;
    /** Median CPUs taken by other processes above which the report warns that the machine was busy. */
    private static final double BUSY_MACHINE = 0.2;

    private final BenchmarkOptions options;
    private final BenchmarkEnvironment environment;
    private final TelemetryRecords telemetry;
    private final List<RunResult> results;

    ThroughputReport(BenchmarkOptions options, BenchmarkEnvironment environment, TelemetryRecords telemetry,
            List<RunResult> results) {
        this.options = options;
        this.environment = environment;
        this.telemetry = telemetry;
        this.results = List.copyOf(results);
    }

    /** Median over the measured rounds of {@code variant}'s throughput divided by the plain producer's. */
    double medianRatio(SendVariant variant) {
        return median(perRound(variant, (run, plain) -> run.recordsPerSecond() / plain.recordsPerSecond()));
    }

    boolean goalMet() {
        return medianRatio(SendVariant.CONNECTOR_STAGE) >= GOAL && medianRatio(SendVariant.CONNECTOR_CALLBACK) >= GOAL;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Kafka connector send vs plain KafkaProducer: ").append(environment.date()).append("\n\n");
        md.append("Goal: each connector variant reaches at least ").append(percent(GOAL))
                .append(" of the plain producer's throughput, same broker, same settings, same run. ")
                .append("Verdict: **").append(goalMet() ? "met" : "not met").append("**.\n\n");

        md.append("| variant | median records/s | median ratio to plain | goal | range of per-round ratios ")
                .append("| client-thread CPU, plain ÷ variant |\n|---|---:|---:|---|---|---:|\n");
        for (SendVariant variant : SendVariant.values()) {
            md.append("| ").append(variant.description).append(" | ")
                    .append(integer(medianOf(variant, RunResult::recordsPerSecond))).append(" | ");
            if (variant == SendVariant.PLAIN_PRODUCER) {
                md.append("– | – | – | – |\n");
            } else {
                double ratio = medianRatio(variant);
                List<Double> ratios = perRound(variant, (run, plain) -> run.recordsPerSecond() / plain.recordsPerSecond());
                md.append(percent(ratio)).append(" | ").append(ratio >= GOAL ? "met" : "**not met**").append(" | ")
                        .append(percent(ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)))
                        .append(" – ")
                        .append(percent(ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)))
                        .append(" | ").append(percent(median(perRound(variant, (run, plain) ->
                                clientThreadsCpu(plain) / clientThreadsCpu(run))))).append(" |\n");
            }
        }
        md.append("\nThroughput = records / time from the first `send` until the last acknowledgement. ")
                .append("Ratio = median over rounds of (connector / plain in the same round). ")
                .append("Client-thread CPU = CPU of the sending thread plus the producer's I/O thread per record, ")
                .append("median over rounds of plain ÷ connector (100 % = no overhead): the connector's own cost, ")
                .append("which moves much less with other load. Throughput also depends on the broker, GC and other ")
                .append("processes sharing the same CPUs, so this is a guide, not a prediction of the ratio.\n\n");
        double otherLoad = median(results.stream().filter(r -> !r.warmup()).map(RunResult::otherCores).toList());
        if (otherLoad >= BUSY_MACHINE) {
            md.append(String.format(Locale.ROOT, "**Warning**: other processes kept %.1f CPUs busy (median over the ",
                    otherLoad)).append("measured runs) on this ").append(environment.cpus())
                    .append("-CPU machine, so the records/s figures and their ratio carry that noise (see the range); ")
                    .append("the CPU figures are the steadier guide. Rerun on an idle machine or with more rounds.\n\n");
        }
        options.note().ifPresent(note -> md.append("Note: ").append(note).append("\n\n"));

        md.append("## Rounds\n\n");
        md.append("| round | order | plain rec/s | stage rec/s | callback rec/s | stage / plain | callback / plain |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        rounds().forEach((round, runs) -> {
            RunResult plain = runs.get(SendVariant.PLAIN_PRODUCER);
            md.append("| ").append(plain.warmup() ? round + " (warm-up, discarded)" : Integer.toString(round))
                    .append(" | ").append(order(runs)).append(" | ")
                    .append(integer(plain.recordsPerSecond())).append(" | ")
                    .append(integer(runs.get(SendVariant.CONNECTOR_STAGE).recordsPerSecond())).append(" | ")
                    .append(integer(runs.get(SendVariant.CONNECTOR_CALLBACK).recordsPerSecond())).append(" | ")
                    .append(percent(ratio(runs, SendVariant.CONNECTOR_STAGE))).append(" | ")
                    .append(percent(ratio(runs, SendVariant.CONNECTOR_CALLBACK))).append(" |\n");
        });

        md.append("\n## Cost per record (median over measured rounds)\n\n");
        md.append("| variant | sending thread CPU, ns | sending thread allocation, B | producer I/O thread CPU, ns ")
                .append("| I/O thread allocation, B | benchmark JVM CPU, ns | GC pauses, ms per million records ")
                .append("| broker CPU, ns | records per request | bytes on the wire |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (SendVariant variant : SendVariant.values()) {
            md.append("| ").append(variant.description)
                    .append(" | ").append(integer(medianOf(variant, RunResult::sendingCpuNanosPerRecord)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::sendingBytesPerRecord)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::ioCpuNanosPerRecord)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::ioBytesPerRecord)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::clientCpuNanosPerRecord)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::gcPauseMillisPerMillionRecords)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::brokerCpuNanosPerRecord)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::recordsPerRequest)))
                    .append(" | ").append(integer(medianOf(variant, RunResult::wireBytesPerRecord))).append(" |\n");
        }
        md.append("\nConnector minus plain in the same round, median over rounds (what the connector adds per record):\n\n");
        md.append("| variant | sending thread CPU, ns | sending thread allocation, B | I/O thread CPU, ns ")
                .append("| I/O thread allocation, B |\n|---|---:|---:|---:|---:|\n");
        for (SendVariant variant : List.of(SendVariant.CONNECTOR_STAGE, SendVariant.CONNECTOR_CALLBACK)) {
            md.append("| ").append(variant.description)
                    .append(" | ").append(signed(medianDifference(variant, RunResult::sendingCpuNanosPerRecord)))
                    .append(" | ").append(signed(medianDifference(variant, RunResult::sendingBytesPerRecord)))
                    .append(" | ").append(signed(medianDifference(variant, RunResult::ioCpuNanosPerRecord)))
                    .append(" | ").append(signed(medianDifference(variant, RunResult::ioBytesPerRecord))).append(" |\n");
        }
        md.append("\nThread CPU and allocation come from the JVM's per-thread accounting: unlike records/s they do ")
                .append("not grow while a thread waits for a CPU, so they are the steadier figures on a shared ")
                .append("machine. The JVM figure covers all threads (GC and JIT included).\n\n");

        md.append("## Runs, in the order they ran\n\n");
        md.append("| round | variant | records/s | seconds | sending thread CPU, ns/record | I/O thread CPU, ns/record ")
                .append("| broker CPU, ns/record | records per request | GC pauses, ms | send blocked on a full buffer ")
                .append("| CPUs busy with other processes |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult run : results) {
            md.append("| ").append(run.round()).append(run.warmup() ? " (warm-up)" : "").append(" | ")
                    .append(run.variant().shortName).append(" | ").append(integer(run.recordsPerSecond())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", run.elapsed().toNanos() / 1e9)).append(" | ")
                    .append(integer(run.sendingCpuNanosPerRecord())).append(" | ")
                    .append(integer(run.ioCpuNanosPerRecord())).append(" | ")
                    .append(integer(run.brokerCpuNanosPerRecord())).append(" | ")
                    .append(integer(run.recordsPerRequest())).append(" | ")
                    .append(run.gcPause().toMillis()).append(" | ")
                    .append(String.format(Locale.ROOT, "%.0f %%", run.blockedShare() * 100)).append(" | ")
                    .append(Double.isNaN(run.otherCores()) ? "?" : String.format(Locale.ROOT, "%.2f", run.otherCores()))
                    .append(" |\n");
        }
        md.append("\nOther processes' share is the machine's busy time (steal included) minus the benchmark's and ")
                .append("the broker's; on ").append(environment.cpus())
                .append(" CPUs, anything above 0.1 means the run competed for CPU. While `send` blocks on a full ")
                .append("buffer (`buffer.memory`), the I/O thread and the broker set the pace.\n\n");

        md.append("## Setup\n\n");
        md.append("- Records per run: ").append(integer(options.records())).append("; value: JSON telemetry of ")
                .append(String.format(Locale.ROOT, "%.0f", telemetry.averageValueBytes()))
                .append(" B on average (e.g. `").append(telemetry.sampleValue()).append("`), key: device id out of ")
                .append(integer(options.devices())).append(" devices.\n");
        md.append("- Rounds: ").append(options.warmupRounds()).append(" warm-up (discarded), ")
                .append(options.rounds()).append(" measured; the order of the variants rotates from round to round.\n");
        md.append("- Topic: a fresh one per run, ").append(options.partitions())
                .append(" partitions, replication factor 1.\n");
        md.append("- Producer settings, identical on both sides: ")
                .append(options.producerSettings().entrySet().stream().map(e -> "`" + e.getKey() + "=" + e.getValue() + "`")
                        .collect(Collectors.joining(", ")))
                .append(" (others at Kafka's defaults). The plain producer gets them directly, the connector as ")
                .append("`kafka.producer.*` configuration. Each side uses one producer for the whole benchmark (the ")
                .append("connector's shared producer, created by its first send in the first round); the plain side ")
                .append("calls `flush()` after its last send, the connector has no flush and relies on `linger.ms`.\n");
        md.append("- Broker: the embedded KRaft broker (Kafka ").append(environment.kafkaVersion())
                .append(") in its own JVM (`-Xmx1g`) on 127.0.0.1, fresh data directory.\n");
        md.append("- Verification, every run: ").append(integer(options.records()))
                .append(" successful completions, no failure, topic end offsets summing to ")
                .append(integer(options.records())).append(".\n");
        md.append("- Machine: ").append(environment.cpus()).append(" CPUs (").append(environment.cpuModel()).append("), ")
                .append(environment.os()).append(", ").append(environment.java()).append(", benchmark JVM options `")
                .append(environment.jvmArguments()).append("`.\n");
        md.append("- Load average (1, 5, 15 min) before: ").append(environment.loadBefore()).append("; after: ")
                .append(environment.loadAfter())
                .append(". The machine may be shared: concurrent work lowers all figures and widens the spread.\n");
        md.append("- Wall time of the whole benchmark: ").append(environment.wallSeconds()).append(" s.\n");
        return md.toString();
    }

    private Map<Integer, Map<SendVariant, RunResult>> rounds() {
        Map<Integer, Map<SendVariant, RunResult>> rounds = new TreeMap<>();
        for (RunResult result : results) {
            rounds.computeIfAbsent(result.round(), r -> new TreeMap<>()).put(result.variant(), result);
        }
        return rounds;
    }

    private Map<Integer, Map<SendVariant, RunResult>> measuredRounds() {
        Map<Integer, Map<SendVariant, RunResult>> measured = new TreeMap<>(rounds());
        measured.values().removeIf(runs -> runs.values().iterator().next().warmup());
        return measured;
    }

    private double medianOf(SendVariant variant, ToDoubleFunction<RunResult> figure) {
        return median(results.stream().filter(r -> !r.warmup() && r.variant() == variant)
                .map(figure::applyAsDouble).toList());
    }

    /** A figure comparing {@code variant}'s run with the plain producer's, for each measured round. */
    private List<Double> perRound(SendVariant variant, ToDoubleBiFunction<RunResult, RunResult> comparison) {
        List<Double> values = new ArrayList<>();
        measuredRounds().forEach((round, runs) -> values.add(
                comparison.applyAsDouble(runs.get(variant), runs.get(SendVariant.PLAIN_PRODUCER))));
        return values;
    }

    private static double clientThreadsCpu(RunResult run) {
        return run.sendingCpuNanosPerRecord() + run.ioCpuNanosPerRecord();
    }

    /** Median over measured rounds of {@code variant}'s figure minus the plain producer's, same round. */
    private double medianDifference(SendVariant variant, ToDoubleFunction<RunResult> figure) {
        return median(perRound(variant, (run, plain) -> figure.applyAsDouble(run) - figure.applyAsDouble(plain)));
    }

    private static double ratio(Map<SendVariant, RunResult> runs, SendVariant variant) {
        return runs.get(variant).recordsPerSecond() / runs.get(SendVariant.PLAIN_PRODUCER).recordsPerSecond();
    }

    private static String order(Map<SendVariant, RunResult> runs) {
        return runs.values().stream().sorted(Comparator.comparingInt(RunResult::position))
                .map(r -> r.variant().shortName).collect(Collectors.joining(", "));
    }

    /** The median, or NaN for no values (or when a value is unknown, NaN sorting last). */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    static String signed(double value) {
        return String.format(Locale.ROOT, "%+,.0f", value);
    }

    static String integer(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
