package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.benchmark.kafka.Directories;
import org.hyperiot.streaming.benchmark.kafka.EmbeddedBrokerProcess;
import org.hyperiot.streaming.benchmark.sidebyside.rawloop.RawLoop;
import org.hyperiot.streaming.benchmark.sidebyside.report.BenchmarkChart;
import org.hyperiot.streaming.benchmark.sidebyside.report.BenchmarkReport;
import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;
import org.hyperiot.streaming.benchmark.sidebyside.report.LatencyRun;
import org.hyperiot.streaming.benchmark.sidebyside.report.MarkdownReport;
import org.hyperiot.streaming.benchmark.sidebyside.report.ThroughputRun;

/**
 * Our runtime against a hand-written kafka-clients loop, Kafka Streams and a hand-written Storm
 * topology, in one run, on one broker, over the same pre-loaded input: every contestant runs every
 * scenario it can on fresh output topics, one after another, and every output is verified before its
 * speed counts. Our runtime runs on both its engines: inside the node ({@code kafka}) and as topologies
 * of the node's embedded Storm ({@code storm}), where the hand-written topology runs too. Then each
 * contestant's end-to-end latency is measured at a share of its own maximum throughput. Writes
 * {@code <results-dir>/<date>.md} and a PNG chart; exits 1 if any output was wrong or a run failed.
 */
public final class SideBySideBenchmark {

    private static final String INPUT_TOPIC = "telemetry-input";
    private static final long SEED = 20261124L;
    /**
     * A hand-written loop has no repartition: one result per site and window would need a topic between
     * two loops and watermarks across partitions, a stream processor of its own. Per-partition partial
     * results would not be the same output, so the raw loop leaves that scenario out.
     */
    private static final EnumSet<Scenario> RAW_LOOP_SCENARIOS = EnumSet.of(Scenario.STATELESS, Scenario.WINDOWED);
    /** Kafka Streams has no at-most-once: its processing guarantees are at-least-once and exactly-once. */
    private static final EnumSet<Guarantee> KAFKA_STREAMS_GUARANTEES = EnumSet.of(Guarantee.AT_LEAST_ONCE,
            Guarantee.EXACTLY_ONCE);
    private static final List<String> STORM_CONTESTANTS = List.of(Contestant.STORM_TOPOLOGY.id(),
            Contestant.HYPERIOT_STORM.id());

    /** How the figures are made, for the report's readers. */
    private static final List<String> METHOD = List.of(
            "records/s: input records over output time. Every output topic stamps records with the broker's"
                    + " append time; the figure is 90 % of the input divided by the time between the 5th and the"
                    + " 95th percentile of the outputs' append times, which leaves start-up and the last commit out.",
            "CPU cores and CPU-s per M records: CPU time of the contestant's processes (for HyperIoT on the kafka"
                    + " engine, the whole node; for the raw loop and Kafka Streams, their own JVM; for the hand-written"
                    + " Storm topology and HyperIoT on Storm, the topology's worker JVM and the LogWriter JVM that"
                    + " starts it, found by the topology id on their command lines: the node, Nimbus, the Supervisor"
                    + " and ZooKeeper are counted for neither) in the same stretch as records/s,"
                    + " between the 5th and the 95th percentile of the outputs' append times, over that stretch's"
                    + " wall time and over the 90 % of the input processed in it. Start-up, group joins and the"
                    + " last commit are left out for every contestant alike; the broker's CPU is never counted."
                    + " CPU × raw loop: lower is cheaper.",
            "Every output is read back with read_committed and checked against the input: the stateless output"
                    + " record by record (fields, values, duplicates), the window results against a brute-force"
                    + " computation, so equal across contestants. A run with a wrong output shows its speed but"
                    + " counts for no goal.",
            "windowed-by-site: the kept readings per site (a field, not the key: every site has devices in every"
                    + " partition), so HyperIoT (keyBy site) and Kafka Streams (groupBy site) repartition through"
                    + " an internal topic; the raw loop has no repartition and leaves this scenario out. Kafka"
                    + " Streams' stream time after a repartition is the highest any upstream task has sent, and"
                    + " source partitions drift apart without bound, so it gets an hour of grace (1 s and 10 s"
                    + " dropped most readings as late) and its windows close at one closing marker per site that"
                    + " the benchmark writes to a topic of the run once the input is consumed. HyperIoT's"
                    + " watermark is the minimum over the source partitions: it keeps 1 s (the input's disorder"
                    + " bound) and closes windows as the input goes. The results are the same for both. records/s"
                    + " and CPU are taken from when the committed input reached 5 % to the last result, over 95 %"
                    + " of the input.",
            "at-most-once: the raw loop holds each commit interval's outputs, commits the offsets, then sends the"
                    + " outputs without waiting for them, as HyperIoT's at-most-once does (it commits before it sends);"
                    + " Kafka Streams has no at-most-once.",
            "The raw loop assigns partitions statically and keeps its windows in memory only (no changelog):"
                    + " it is the fastest a hand-written windowed loop can be, not a fault-tolerant one. Kafka"
                    + " Streams and HyperIoT write their window state to a changelog topic.",
            "Storm: the hand-written topology (storm-kafka-client's KafkaSpout at at-least-once, committing"
                    + " acked offsets every commit interval → a filter and projection bolt → KafkaBolt with acks=all)"
                    + " and HyperIoT on Storm (a native stream with engine storm) run on the node's embedded Storm,"
                    + " each submitted afresh for each run to one worker JVM (1 GiB heap, Storm's SerialGC), with as"
                    + " many executors per component as the other contestants have threads and 20,000 tuples in"
                    + " flight per spout task; killed afterwards with a 5 s wait. A fresh worker pays for its JIT"
                    + " compilation in every run, as the raw loop's and Kafka Streams' JVMs do. The hand-written"
                    + " topology runs stateless at-least-once only: KafkaBolt writes without transactions, so"
                    + " Storm's acks give at-least-once and no more, and windows with a repartition would be a"
                    + " stream processor of its own. The storm engine gives its workers the Kafka connector's"
                    + " producer settings, so HyperIoT on Storm compresses with lz4 like every other contestant.",
            "Latency: the feed stamps each reading with its send time; latency is the output's append time"
                    + " minus that, in whole milliseconds, including the feed's own send to the broker. The measured"
                    + " seconds begin once the contestant has kept up after its warm-up (its committed input within"
                    + " half a second of the rate, waited for at most 60 s), so a backlog of its start is not in them.");

    private final BenchmarkOptions options;
    private final List<String> notes = new ArrayList<>();

    private SideBySideBenchmark(BenchmarkOptions options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        if (java.util.Arrays.asList(args).contains("--help")) {
            System.out.println(BenchmarkOptions.usage());
            return;
        }
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchmarkOptions.usage());
            System.exit(2);
            return;
        }
        System.exit(new SideBySideBenchmark(options).run() ? 0 : 1);
    }

    /** Runs everything; true if every run finished with a correct output. */
    private boolean run() throws Exception {
        Directories.deleteRecursively(options.workDir());
        Files.createDirectories(options.workDir());
        List<ThroughputRun> throughput = new ArrayList<>();
        List<LatencyRun> latency = new ArrayList<>();
        TelemetryWorkload workload;
        try (EmbeddedBrokerProcess broker = EmbeddedBrokerProcess.start(options.brokerClasspath(),
                options.workDir().resolve("broker"), Duration.ofSeconds(120));
                BenchmarkCluster cluster = new BenchmarkCluster(broker.bootstrapServers())) {
            log("broker on %s", broker.bootstrapServers());
            cluster.createInputTopic(INPUT_TOPIC, options.partitions());
            long loading = System.nanoTime();
            workload = TelemetryWorkload.load(broker.bootstrapServers(), INPUT_TOPIC, options.partitions(),
                    options.devices(), options.records(), SEED);
            log("loaded %,d records (%,d devices, %,d kept by the filter, %,d device windows, %,d site windows)"
                    + " in %.1f s", workload.records(), workload.devices(), workload.keptRecords(),
                    workload.perDevice().windows(), workload.perSite().windows(), seconds(loading));
            DistributionNode node = needsNode() ? startNode(broker.bootstrapServers()) : null;
            try {
                List<StreamingSystem> systems = systems(broker.bootstrapServers(), node);
                for (Scenario scenario : options.scenarios()) {
                    for (Guarantee guarantee : options.guarantees()) {
                        for (StreamingSystem system : systems) {
                            if (system.runs(scenario, guarantee)) {
                                throughput.add(measureThroughput(cluster, workload, system, scenario, guarantee));
                            } else {
                                log("%s: leaves out %s %s", system.contestant().label(), scenario.id(),
                                        guarantee.id());
                            }
                        }
                    }
                }
                if (options.latency()) {
                    LatencyProbe probe = new LatencyProbe(cluster, options.partitions(), options.devices(),
                            options.latencyWarmUp(), options.latencyMeasured());
                    for (StreamingSystem system : systems) {
                        if (options.latencyContestants().contains(system.contestant().id())) {
                            measureLatency(probe, system, throughput).ifPresent(latency::add);
                        }
                    }
                }
            } finally {
                if (node != null) {
                    node.close();
                }
            }
        }
        notes.addAll(METHOD);
        BenchmarkReport report = new BenchmarkReport(LocalDate.now(), environment(), throughput, latency,
                new GoalEvaluation(throughput, latency).goals(), notes);
        Path markdown = write(report);
        log("report: %s", markdown);
        return throughput.stream().allMatch(ThroughputRun::verified)
                && latency.stream().noneMatch(run -> Double.isNaN(run.p99Millis()));
    }

    private ThroughputRun measureThroughput(BenchmarkCluster cluster, TelemetryWorkload workload,
            StreamingSystem system, Scenario scenario, Guarantee guarantee) throws Exception {
        Contestant contestant = system.contestant();
        String name = scenario.id() + "-" + guarantee.shortId() + "-" + contestant.id();
        boolean closedByMarkers = scenario == Scenario.WINDOWED_BY_SITE;
        ContestantRun run = new ContestantRun(name, scenario, guarantee, INPUT_TOPIC, "out-" + name,
                closedByMarkers ? "closing-" + name : null);
        cluster.createOutputTopic(run.outputTopic(), options.partitions());
        if (closedByMarkers) {
            cluster.createClosingTopic(run.closingTopic(), options.partitions());
        }
        Map<TopicPartition, Long> inputEnd = cluster.endOffsets(INPUT_TOPIC, options.partitions());
        long inputTotal = inputEnd.values().stream().mapToLong(Long::longValue).sum();
        log("%s: %s %s ...", contestant.label(), scenario.id(), guarantee.id());
        long started = System.nanoTime();
        String failure;
        CpuTimeline cpu = new CpuTimeline();
        double wallSeconds;
        // When the committed input first reached 5 %: where the windowed-by-site figures start.
        AtomicLong fivePercentCommitted = new AtomicLong(Long.MIN_VALUE);
        try (StreamingSystem.Running running = system.start(run)) {
            long deadline = started + options.runTimeout().toNanos();
            failure = awaitSampling(() -> {
                long committed = cluster.committed(running.group(), inputEnd);
                if (committed >= inputTotal / 20) {
                    fivePercentCommitted.compareAndSet(Long.MIN_VALUE, System.currentTimeMillis());
                }
                return committed >= inputTotal;
            }, running, cpu, deadline);
            if (failure == null && closedByMarkers) {
                // The input is consumed (and, by the committed offsets, on its way through the
                // repartition topic): now the closing markers can only come after every reading.
                workload.writeClosingMarkers(cluster.bootstrapServers(), run.closingTopic());
                WindowOutputCheck progress = WindowOutputCheck.perSite(workload);
                try (OutputTopic.Follower output = OutputTopic.follow(cluster.bootstrapServers(),
                        run.outputTopic())) {
                    failure = awaitSampling(() -> {
                        output.readNew(progress, Duration.ofMillis(100));
                        return progress.settled();
                    }, running, cpu, deadline);
                }
            }
            cpu.add(System.currentTimeMillis(), running.cpuSeconds());
            wallSeconds = seconds(started);
        }
        OutputCheck check = switch (scenario) {
            case STATELESS -> new StatelessOutputCheck(workload);
            case WINDOWED -> WindowOutputCheck.perDevice(workload);
            case WINDOWED_BY_SITE -> WindowOutputCheck.perSite(workload);
        };
        OutputTopic.readAll(cluster.bootstrapServers(), run.outputTopic(), check);
        cluster.deleteTopic(run.outputTopic());
        if (closedByMarkers) {
            cluster.deleteTopic(run.closingTopic());
        }
        OutputCheck.Verdict verdict = check.verdict(guarantee);
        boolean verified = failure == null && verdict.correct();
        String verification = failure == null ? verdict.summary() : failure + "; " + verdict.summary();
        OutputCheck.MeasuredStretch stretch = closedByMarkers
                ? inputToLastResult(fivePercentCommitted.get(), check.lastAppendTime())
                : check.measuredStretch();
        double recordsPerSecond = 0;
        double cores = Double.NaN;
        double cpuPerMillion = Double.NaN;
        if (stretch != null) {
            recordsPerSecond = stretch.inputShare() * workload.records() * 1000.0
                    / Math.max(1, stretch.toEpochMillis() - stretch.fromEpochMillis());
            double stretchCpu = cpu.secondsBetween(stretch.fromEpochMillis(), stretch.toEpochMillis());
            cores = stretchCpu * 1000.0 / Math.max(1, stretch.toEpochMillis() - stretch.fromEpochMillis());
            cpuPerMillion = stretchCpu * 1e6 / (stretch.inputShare() * workload.records());
        }
        log("%s: %s %s: %,.0f records/s, %.2f cores, %.2f CPU-s per million records (%.1f CPU-s over the whole"
                + " %.1f s run); output %s: %s", contestant.label(), scenario.id(), guarantee.id(), recordsPerSecond,
                cores, cpuPerMillion, cpu.totalSeconds(), wallSeconds, verified ? "correct" : "WRONG", verification);
        if (!verified) {
            notes.add(contestant.label() + ", " + scenario.id() + " " + guarantee.id() + ": " + verification);
        }
        return new ThroughputRun(scenario.id(), guarantee.id(), contestant, workload.records(), check.outputs(),
                recordsPerSecond, cores, cpuPerMillion, verified, verification);
    }

    /**
     * The stretch of a windowed-by-site run: from when its committed input first reached 5 % to its last
     * result. Its results do not follow the input evenly (Kafka Streams emits them all at the closing
     * markers), so the output percentiles cannot say how fast it went; the committed input and the
     * last result, both end to end through the repartition, can. The end includes, for Kafka Streams,
     * the benchmark noticing that the input is consumed before it writes the closing markers (a poll
     * of the group's offsets every 100 ms), which counts against Kafka Streams.
     */
    private static OutputCheck.MeasuredStretch inputToLastResult(long fivePercentCommitted, long lastResult) {
        if (fivePercentCommitted == Long.MIN_VALUE || lastResult <= fivePercentCommitted) {
            return null;
        }
        return new OutputCheck.MeasuredStretch(fivePercentCommitted, lastResult, 0.95);
    }

    /**
     * Waits until {@code done} holds, sampling the contestant's CPU time meanwhile; returns why it cannot
     * finish (its process died, its stream failed, the deadline passed) or null once done.
     */
    private String awaitSampling(BooleanSupplier done, StreamingSystem.Running running, CpuTimeline cpu,
            long deadlineNanos) throws InterruptedException {
        cpu.add(System.currentTimeMillis(), running.cpuSeconds());
        long nextFailureCheck = System.nanoTime();
        while (!done.getAsBoolean()) {
            cpu.add(System.currentTimeMillis(), running.cpuSeconds());
            if (System.nanoTime() > deadlineNanos) {
                return "not done after " + options.runTimeout().toSeconds() + " s";
            }
            if (System.nanoTime() > nextFailureCheck) {
                Optional<String> failed = running.failure();
                if (failed.isPresent()) {
                    return failed.get();
                }
                nextFailureCheck = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            }
            Thread.sleep(100);
        }
        return null;
    }

    private Optional<LatencyRun> measureLatency(LatencyProbe probe, StreamingSystem system,
            List<ThroughputRun> throughput) throws Exception {
        Contestant contestant = system.contestant();
        Optional<ThroughputRun> maximum = throughput.stream()
                .filter(run -> run.contestant().equals(contestant) && run.verified()
                        && run.scenario().equals(Scenario.STATELESS.id())
                        && run.guarantee().equals(Guarantee.AT_LEAST_ONCE.id()))
                .findFirst();
        if (maximum.isEmpty()) {
            log("%s: no verified stateless at-least-once throughput, so no latency run", contestant.label());
            return Optional.empty();
        }
        double rate = maximum.get().recordsPerSecond() * options.latencyLoad();
        String name = "latency-" + contestant.id();
        ContestantRun run = new ContestantRun(name, Scenario.STATELESS, Guarantee.AT_LEAST_ONCE, "in-" + name,
                "out-" + name);
        log("%s: latency at %,.0f records/s ...", contestant.label(), rate);
        LatencyProbe.Outcome outcome = probe.measure(system, run, rate);
        log("%s: latency p50 %.0f ms, p99 %.0f ms, p99.9 %.0f ms, max %.0f ms over %,d records at %,.0f records/s%s",
                contestant.label(), outcome.p50(), outcome.p99(), outcome.p999(), outcome.max(), outcome.samples(),
                outcome.achievedRate(), outcome.problem() == null ? "" : "; " + outcome.problem());
        if (!outcome.bySecond().isEmpty()) {
            log("%s: latency p50/p99/max ms of the readings sent in each measured second: %s", contestant.label(),
                    outcome.bySecond());
        }
        if (outcome.problem() != null) {
            notes.add(contestant.label() + ", latency: " + outcome.problem());
        }
        return Optional.of(new LatencyRun(Scenario.STATELESS.id(), Guarantee.AT_LEAST_ONCE.id(), contestant, rate,
                outcome.achievedRate(), outcome.samples(), outcome.p50(), outcome.p99(), outcome.p999(),
                outcome.max()));
    }

    /** Our runtime runs on the node, and the hand-written Storm topology on the node's embedded Storm. */
    private boolean needsNode() {
        return options.contestants().stream().anyMatch(id -> id.startsWith("hyperiot-") || id.equals("storm-topology"));
    }

    private DistributionNode startNode(String bootstrapServers) throws IOException, InterruptedException {
        long starting = System.nanoTime();
        String javaOptions = (options.nodeJavaOptions() + (options.profile()
                ? " -XX:StartFlightRecording=filename=" + profiles().resolve("hyperiot-node.jfr").toAbsolutePath()
                        + ",settings=profile,dumponexit=true"
                : "")).trim();
        DistributionNode node = DistributionNode.start(options.distribution(), options.workDir().resolve("node"),
                bootstrapServers, javaOptions);
        log("distribution node up in %.1f s", seconds(starting));
        return node;
    }

    private List<StreamingSystem> systems(String bootstrapServers, DistributionNode node) throws IOException {
        List<String> jvmOptions = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
        if (options.profile()) {
            jvmOptions.add("-XX:StartFlightRecording=filename=" + profiles().toAbsolutePath()
                    + "/{run}.jfr,settings=profile,dumponexit=true");
        }
        Path runs = options.workDir().resolve("runs");
        String parallelism = Integer.toString(options.parallelism());
        String commitInterval = Long.toString(options.commitInterval().toMillis());
        List<StreamingSystem> systems = new ArrayList<>();
        for (String id : options.contestants()) {
            switch (id) {
                case "raw-loop" -> systems.add(new SeparateJvmSystem(Contestant.RAW_LOOP, RAW_LOOP_SCENARIOS,
                        EnumSet.allOf(Guarantee.class), jvmOptions,
                        run -> List.of("-cp", System.getProperty("java.class.path"), RawLoop.class.getName(),
                                "--bootstrap", bootstrapServers, "--group", "raw-" + run.name(),
                                "--input", run.inputTopic(), "--output", run.outputTopic(),
                                "--topology", run.scenario().id(), "--guarantee", run.guarantee().id(),
                                "--threads", parallelism, "--commit-interval-ms", commitInterval,
                                "--compression", options.compression()),
                        run -> "raw-" + run.name(), runs));
                case "kafka-streams" -> systems.add(new SeparateJvmSystem(
                        Contestant.kafkaStreams(options.kafkaStreamsVersion()), EnumSet.allOf(Scenario.class),
                        KAFKA_STREAMS_GUARANTEES, jvmOptions,
                        run -> List.of("-jar", options.kafkaStreamsApp().toAbsolutePath().toString(),
                                "--bootstrap", bootstrapServers, "--application-id", "kstreams-" + run.name(),
                                "--input", String.join(",", run.inputAndClosingTopics()),
                                "--output", run.outputTopic(),
                                "--topology", run.scenario().id(), "--guarantee", run.guarantee().id(),
                                "--threads", parallelism, "--commit-interval-ms", commitInterval,
                                "--state-dir", runs.resolve("kafka-streams-state").toAbsolutePath().toString(),
                                "--property", "producer.compression.type=" + options.compression()),
                        run -> "kstreams-" + run.name(), runs));
                case "storm-topology" -> systems.add(new StormTopologySystem(node, options.stormTopologyApp(),
                        bootstrapServers, options.parallelism(), options.commitInterval(), options.compression(), runs));
                case "hyperiot-native" -> systems.add(HyperIotNodeSystem.onKafka(node, false, options.parallelism(),
                        options.commitInterval()));
                case "hyperiot-storm" -> systems.add(HyperIotNodeSystem.onStorm(node,
                        EnumSet.copyOf(options.stormScenarios()), options.parallelism(), options.commitInterval()));
                case "hyperiot-micro-batch" -> systems.add(HyperIotNodeSystem.onKafka(node, true, options.parallelism(),
                        options.commitInterval()));
                default -> throw new IllegalArgumentException("unknown contestant " + id);
            }
        }
        return systems;
    }

    private Path profiles() throws IOException {
        return Files.createDirectories(options.workDir().resolve("profiles"));
    }

    private List<String> environment() {
        Runtime runtime = Runtime.getRuntime();
        List<String> environment = new ArrayList<>();
        environment.add(String.format(Locale.ROOT, "%d cores, Java %s (%s), %s %s", runtime.availableProcessors(),
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.arch")));
        environment.add("one embedded KRaft broker (the distribution's), on the same machine, in its own JVM");
        environment.add(String.format(Locale.ROOT,
                "input: %,d JSON telemetry records (~120 bytes) from %,d devices, keyed by device, %d partitions,"
                        + " event times out of order by up to %d ms",
                options.records(), options.devices(), options.partitions(), TelemetryWorkload.MAX_DISORDER_MS));
        environment.add(String.format(Locale.ROOT,
                "every contestant: %d threads (HyperIoT: parallelism %d on one node; the Storm topologies: %d"
                        + " executors per component), commits every %d ms, its own JVM with a 1 GiB heap, producers"
                        + " with acks=all and %s compression",
                options.parallelism(), options.parallelism(), options.parallelism(),
                options.commitInterval().toMillis(), options.compression()));
        if (options.contestants().stream().anyMatch(STORM_CONTESTANTS::contains)) {
            environment.add("Storm 2.8.3 embedded in the node (ZooKeeper, Nimbus and a Supervisor with 2 worker slots,"
                    + " each a JVM of its own on the same machine); one worker JVM per topology");
        }
        if (!options.nodeJavaOptions().isBlank()) {
            environment.add("the node's JVM with " + options.nodeJavaOptions());
        }
        if (!options.note().isBlank()) {
            environment.add(options.note());
        }
        return environment;
    }

    private Path write(BenchmarkReport report) throws IOException {
        Files.createDirectories(options.resultsDir());
        String base = report.date().toString();
        for (int attempt = 2; Files.exists(options.resultsDir().resolve(base + ".md")); attempt++) {
            base = report.date() + "-" + attempt;
        }
        Path chart = options.resultsDir().resolve(base + ".png");
        new BenchmarkChart().write(report, chart);
        Path markdown = options.resultsDir().resolve(base + ".md");
        String text = new MarkdownReport().render(report, chart.getFileName().toString());
        Files.writeString(markdown, text, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(text);
        return markdown;
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void log(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[side-by-side] " + format + "%n", arguments);
        System.out.flush();
    }
}
