package org.hyperiot.streaming.benchmark.saga;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The saga benchmark's command line. */
record SagaBenchmarkOptions(int sagas, int warmUpSagas, Duration warmUpSteady, int rounds, List<String> contestants,
        boolean latency,
        Duration latencyWarmUp, Duration latencyMeasured, double latencyLoad, double latencyRate, Duration runTimeout, Path workDir,
        Path resultsDir, Path brokerClasspath, Path distribution, Path participantsBundle, String compression,
        boolean profile, String note) {

    static final List<String> ALL_CONTESTANTS = List.of("raw-loop", "hyperiot");
    /** Partitions of every topic of the exchange: what the distribution's saga configuration ships. */
    static final int PARTITIONS = 6;

    static String usage() {
        return String.join("\n",
                "usage: SagaBenchmark --broker-classpath DIR --distribution DIR --participants-bundle JAR",
                "                     --work-dir DIR --results-dir DIR [options]",
                "  --sagas N                 sagas of each throughput run (default 20000)",
                "  --warmup-sagas N          sagas each contestant runs first, not measured (default: a tenth of",
                "                            --sagas, at least 1000)",
                "  --warmup-steady-seconds S  then S seconds at half the warm-up burst's rate, so that the JIT",
                "                            compilers of the broker and the contestant are done (default 20; 0: none)",
                "  --rounds R                throughput rounds; the order of the contestants alternates (default 2)",
                "  --contestants LIST        " + String.join(",", ALL_CONTESTANTS) + " (default both)",
                "  --no-latency              skip the latency runs",
                "  --latency-seconds S       measured seconds of each latency run (default 20)",
                "  --latency-warmup-seconds S  seconds at the latency rate before them (default 5)",
                "  --latency-load F          share of each contestant's own maximum (default 0.5)",
                "  --latency-rate R          sagas/s of the latency runs instead of a share of the maximum, the",
                "                            same for every contestant (to see the latency floor, say)",
                "  --run-timeout-seconds S   give up on a run after S seconds (default 600)",
                "  --compression TYPE        compression.type of the raw loop and the feed (default lz4, what the",
                "                            distribution's etc/org.hyperiot.streaming.kafka.cfg ships)",
                "  --profile                 record JFR profiles of the node and the raw loop into WORK_DIR/profiles",
                "  --note TEXT               a line for the report's environment list");
    }

    static SagaBenchmarkOptions parse(String[] args) {
        int sagas = 20_000;
        Integer warmUp = null;
        long warmUpSteadySeconds = 20;
        int rounds = 2;
        List<String> contestants = ALL_CONTESTANTS;
        boolean latency = true;
        long latencySeconds = 20;
        long latencyWarmUpSeconds = 5;
        double latencyLoad = 0.5;
        double latencyRate = 0;
        long runTimeoutSeconds = 600;
        Path workDir = null;
        Path resultsDir = null;
        Path brokerClasspath = null;
        Path distribution = null;
        Path participantsBundle = null;
        String compression = "lz4";
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
                        case "--sagas" -> sagas = (int) positive(option, Integer.parseInt(value));
                        case "--warmup-sagas" -> warmUp = (int) positive(option, Integer.parseInt(value));
                        case "--warmup-steady-seconds" -> warmUpSteadySeconds = Long.parseLong(value);
                        case "--rounds" -> rounds = (int) positive(option, Integer.parseInt(value));
                        case "--contestants" -> contestants = contestants(value);
                        case "--latency-seconds" -> latencySeconds = positive(option, Long.parseLong(value));
                        case "--latency-warmup-seconds" -> latencyWarmUpSeconds = Long.parseLong(value);
                        case "--latency-load" -> latencyLoad = Double.parseDouble(value);
                        case "--latency-rate" -> latencyRate = Double.parseDouble(value);
                        case "--run-timeout-seconds" -> runTimeoutSeconds = positive(option, Long.parseLong(value));
                        case "--work-dir" -> workDir = Path.of(value);
                        case "--results-dir" -> resultsDir = Path.of(value);
                        case "--broker-classpath" -> brokerClasspath = Path.of(value);
                        case "--distribution" -> distribution = Path.of(value);
                        case "--participants-bundle" -> participantsBundle = Path.of(value);
                        case "--compression" -> compression = value;
                        case "--note" -> note = value;
                        default -> throw new IllegalArgumentException("unknown option " + option);
                    }
                }
            }
        }
        if (latencyLoad <= 0 || latencyLoad > 1) {
            throw new IllegalArgumentException("--latency-load is a share in (0, 1], not " + latencyLoad);
        }
        if (latencyRate < 0) {
            throw new IllegalArgumentException("--latency-rate must be positive, not " + latencyRate);
        }
        for (Object[] required : new Object[][] {{"--work-dir", workDir}, {"--results-dir", resultsDir},
                {"--broker-classpath", brokerClasspath}, {"--distribution", distribution},
                {"--participants-bundle", participantsBundle}}) {
            if (required[1] == null) {
                throw new IllegalArgumentException(required[0] + " is required");
            }
        }
        if (warmUpSteadySeconds < 0) {
            throw new IllegalArgumentException("--warmup-steady-seconds must not be negative, not " + warmUpSteadySeconds);
        }
        return new SagaBenchmarkOptions(sagas, warmUp != null ? warmUp : Math.max(1000, sagas / 10),
                Duration.ofSeconds(warmUpSteadySeconds), rounds,
                contestants, latency, Duration.ofSeconds(latencyWarmUpSeconds), Duration.ofSeconds(latencySeconds),
                latencyLoad, latencyRate, Duration.ofSeconds(runTimeoutSeconds), workDir, resultsDir, brokerClasspath, distribution,
                participantsBundle, compression, profile, note);
    }

    private static List<String> contestants(String value) {
        List<String> chosen = new ArrayList<>();
        for (String id : value.split(",")) {
            if (!ALL_CONTESTANTS.contains(id)) {
                throw new IllegalArgumentException("unknown contestant '" + id + "' (" + String.join(", ", ALL_CONTESTANTS)
                        + ")");
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
