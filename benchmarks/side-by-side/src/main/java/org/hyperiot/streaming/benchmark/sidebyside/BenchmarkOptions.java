package org.hyperiot.streaming.benchmark.sidebyside;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The benchmark's command line. */
record BenchmarkOptions(long records, int devices, int partitions, int parallelism, Duration commitInterval,
        List<Scenario> scenarios, List<Scenario> stormScenarios, List<Guarantee> guarantees, List<String> contestants,
        boolean latency, List<String> latencyContestants, Duration latencyWarmUp, Duration latencyMeasured, double latencyLoad, Duration runTimeout,
        Path workDir, Path resultsDir, Path brokerClasspath, Path distribution, Path kafkaStreamsApp,
        Path stormTopologyApp, String kafkaStreamsVersion, String compression, String nodeJavaOptions, boolean profile, String note) {

    /**
     * Every contestant, in the order they run and appear within a scenario: the baselines first, then our
     * runtime, the storm engine right after the kafka engine's native mode, so that the two engines sit side
     * by side.
     */
    static final List<String> ALL_CONTESTANTS = List.of("raw-loop", "kafka-streams", "storm-topology",
            "hyperiot-native", "hyperiot-storm", "hyperiot-micro-batch");

    static String usage() {
        return String.join("\n",
                "usage: SideBySideBenchmark --broker-classpath DIR --distribution DIR --kafka-streams-app JAR",
                "                           [--storm-topology-app JAR] --work-dir DIR --results-dir DIR [options]",
                "  --storm-topology-app JAR  the hand-written Storm topology (benchmarks/side-by-side-storm),",
                "                            required with the storm-topology contestant",
                "  --records N               input records (default 2000000)",
                "  --devices N               devices in the input (default 1000)",
                "  --partitions N            partitions of every topic (default 4)",
                "  --parallelism N           threads of each contestant (default 2)",
                "  --commit-interval-ms MS   commit cadence of every contestant (default 100)",
                "  --scenarios LIST          stateless,windowed,windowed-by-site (default all)",
                "  --storm-scenarios LIST    of those, the ones HyperIoT on Storm runs (default all); the",
                "                            hand-written Storm topology runs stateless at-least-once only",
                "  --guarantees LIST         at-most-once,at-least-once,exactly-once (default all three)",
                "  --contestants LIST        " + String.join(",", ALL_CONTESTANTS) + " (default all)",
                "  --no-latency              skip the latency runs",
                "  --latency-contestants LIST  the contestants whose latency is measured (default all)",
                "  --latency-seconds S       measured seconds of each latency run (default 20)",
                "  --latency-warmup-seconds S  warm-up at full rate before them (default 5)",
                "  --latency-load F          share of each contestant's own maximum (default 0.5)",
                "  --run-timeout-seconds S   give up on a run after S seconds (default 600)",
                "  --kafka-streams-version V as the report names it (default 4.3.1)",
                "  --compression TYPE        producer compression.type of the raw loop, Kafka Streams and the",
                "                            hand-written Storm topology (default lz4, what the distribution's",
                "                            etc/org.hyperiot.streaming.kafka.cfg ships)",
                "  --node-java-options OPTS  more options for the node's JVM (its EXTRA_JAVA_OPTS), such as",
                "                            -XX:+UseZGC; the report's environment names them",
                "  --profile                 record a JFR profile of every contestant JVM into WORK_DIR/profiles",
                "                            (not of Storm's worker JVMs, which Storm starts)",
                "  --note TEXT               a line for the report's environment list");
    }

    static BenchmarkOptions parse(String[] args) {
        long records = 2_000_000;
        int devices = 1_000;
        int partitions = 4;
        int parallelism = 2;
        long commitIntervalMs = 100;
        List<Scenario> scenarios = List.of(Scenario.values());
        List<Scenario> stormScenarios = List.of(Scenario.values());
        List<Guarantee> guarantees = List.of(Guarantee.values());
        List<String> contestants = ALL_CONTESTANTS;
        boolean latency = true;
        List<String> latencyContestants = ALL_CONTESTANTS;
        long latencySeconds = 20;
        long latencyWarmUpSeconds = 5;
        double latencyLoad = 0.5;
        long runTimeoutSeconds = 600;
        Path workDir = null;
        Path resultsDir = null;
        Path brokerClasspath = null;
        Path distribution = null;
        Path kafkaStreamsApp = null;
        Path stormTopologyApp = null;
        String kafkaStreamsVersion = "4.3.1";
        String compression = "lz4";
        String nodeJavaOptions = "";
        boolean profile = false;
        String note = "";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--no-latency" -> latency = false;
                case "--profile" -> profile = true;
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value"
                                : "unexpected argument " + option);
                    }
                    String value = args[++i];
                    switch (option) {
                        case "--records" -> records = positive(option, Long.parseLong(value));
                        case "--devices" -> devices = (int) positive(option, Integer.parseInt(value));
                        case "--partitions" -> partitions = (int) positive(option, Integer.parseInt(value));
                        case "--parallelism" -> parallelism = (int) positive(option, Integer.parseInt(value));
                        case "--commit-interval-ms" -> commitIntervalMs = positive(option, Long.parseLong(value));
                        case "--scenarios" -> scenarios = Arrays.stream(value.split(",")).map(Scenario::of).toList();
                        case "--storm-scenarios" -> stormScenarios = Arrays.stream(value.split(","))
                                .map(Scenario::of).toList();
                        case "--guarantees" -> guarantees = Arrays.stream(value.split(",")).map(Guarantee::of).toList();
                        case "--contestants" -> contestants = contestants(value);
                        case "--latency-contestants" -> latencyContestants = contestants(value);
                        case "--latency-seconds" -> latencySeconds = positive(option, Long.parseLong(value));
                        case "--latency-warmup-seconds" -> latencyWarmUpSeconds = Long.parseLong(value);
                        case "--latency-load" -> latencyLoad = Double.parseDouble(value);
                        case "--run-timeout-seconds" -> runTimeoutSeconds = positive(option, Long.parseLong(value));
                        case "--work-dir" -> workDir = Path.of(value);
                        case "--results-dir" -> resultsDir = Path.of(value);
                        case "--broker-classpath" -> brokerClasspath = Path.of(value);
                        case "--distribution" -> distribution = Path.of(value);
                        case "--kafka-streams-app" -> kafkaStreamsApp = Path.of(value);
                        case "--storm-topology-app" -> stormTopologyApp = Path.of(value);
                        case "--kafka-streams-version" -> kafkaStreamsVersion = value;
                        case "--compression" -> compression = value;
                        case "--node-java-options" -> nodeJavaOptions = value.trim();
                        case "--note" -> note = value;
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
        }
        if (latencyLoad <= 0 || latencyLoad > 1) {
            throw new IllegalArgumentException("--latency-load is a share in (0, 1], not " + latencyLoad);
        }
        for (Object[] required : new Object[][] {{"--work-dir", workDir}, {"--results-dir", resultsDir},
                {"--broker-classpath", brokerClasspath}, {"--distribution", distribution},
                {"--kafka-streams-app", kafkaStreamsApp}}) {
            if (required[1] == null) {
                throw new IllegalArgumentException(required[0] + " is required");
            }
        }
        if (contestants.contains("storm-topology") && stormTopologyApp == null) {
            throw new IllegalArgumentException("--storm-topology-app is required with the storm-topology contestant");
        }
        return new BenchmarkOptions(records, devices, partitions, parallelism, Duration.ofMillis(commitIntervalMs),
                scenarios, stormScenarios, guarantees, contestants, latency, latencyContestants,
                Duration.ofSeconds(latencyWarmUpSeconds),
                Duration.ofSeconds(latencySeconds), latencyLoad, Duration.ofSeconds(runTimeoutSeconds), workDir,
                resultsDir, brokerClasspath, distribution, kafkaStreamsApp, stormTopologyApp, kafkaStreamsVersion,
                compression, nodeJavaOptions, profile, note);
    }

    private static List<String> contestants(String value) {
        List<String> chosen = new ArrayList<>();
        for (String id : value.split(",")) {
            if (!ALL_CONTESTANTS.contains(id)) {
                throw new IllegalArgumentException("unknown contestant '" + id + "' (" + String.join(", ", ALL_CONTESTANTS) + ")");
            }
            chosen.add(id);
        }
        return List.copyOf(chosen);
    }

    private static long positive(String option, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(option + " must be positive, not " + value);
        }
        return value;
    }
}
