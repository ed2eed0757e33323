package org.hyperiot.streaming.benchmark.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Command-line settings of {@link ConnectorSendBenchmark}.
 *
 * @param records          records sent by each variant in each round
 * @param warmupRounds     rounds run first and left out of the figures
 * @param rounds           measured rounds
 * @param partitions       partitions of each run's fresh topic
 * @param devices          distinct keys (device ids)
 * @param producerSettings Kafka producer properties given identically to the plain producer and,
 *                         under {@code kafka.producer.}, to the connector
 * @param brokerClasspath  directory holding the embedded broker's jars
 * @param workDir          where the broker keeps its data during the run
 * @param resultsDir       where the Markdown report is written
 * @param runTimeout       bound on one variant's run (sending and acknowledgement)
 * @param pause            idle time before each run, so the broker finishes writing the previous one
 * @param keepData         keep the broker's data directory after the run
 * @param note             free text for the report, e.g. the commit the connector was built from
 */
record BenchmarkOptions(long records, int warmupRounds, int rounds, int partitions, int devices,
        Map<String, String> producerSettings, Path brokerClasspath, Path workDir, Path resultsDir,
        Duration runTimeout, Duration pause, boolean keepData, Optional<String> note) {

    static final String USAGE = """
            usage: java -jar kafka-connector-benchmark.jar --broker-classpath DIR [options]
              --records N              records per variant and round (default 1000000)
              --rounds R               measured rounds (default 3)
              --warmup-rounds W        discarded rounds run first (default 2)
              --partitions P           partitions of each fresh topic (default 4)
              --devices D              distinct device keys (default 1000)
              --acks A                 producer acks (default all)
              --linger-ms MS           producer linger.ms (default 5)
              --batch-size BYTES       producer batch.size (default 65536)
              --compression TYPE       producer compression.type (default lz4)
              --producer-property K=V  any other producer property, for both sides (repeatable)
              --work-dir DIR           broker data (default ./target/work)
              --results-dir DIR        where <yyyy-MM-dd>.md is written (default ./results)
              --run-timeout-s S        bound on one run (default 180)
              --pause-ms MS            idle time before each run (default 1000)
              --keep-data              keep the broker's data directory
              --note TEXT              a line for the report (run.sh puts the git commit there)
            """;

    static BenchmarkOptions parse(String[] args) {
        long records = 1_000_000;
        int warmupRounds = 2;
        int rounds = 3;
        int partitions = 4;
        int devices = 1000;
        Map<String, String> producer = new LinkedHashMap<>();
        producer.put("acks", "all");
        producer.put("linger.ms", "5");
        producer.put("batch.size", "65536");
        producer.put("compression.type", "lz4");
        Path brokerClasspath = null;
        Path workDir = Path.of("target", "work");
        Path resultsDir = Path.of("results");
        long runTimeoutSeconds = 180;
        long pauseMillis = 1000;
        boolean keepData = false;
        String note = null;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--keep-data")) {
                keepData = true;
                continue;
            }
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--records" -> records = positive(name, Long.parseLong(value.replace("_", "")));
                case "--rounds" -> rounds = (int) positive(name, Integer.parseInt(value));
                case "--warmup-rounds" -> warmupRounds = Integer.parseInt(value);
                case "--partitions" -> partitions = (int) positive(name, Integer.parseInt(value));
                case "--devices" -> devices = (int) positive(name, Integer.parseInt(value));
                case "--acks" -> producer.put("acks", value);
                case "--linger-ms" -> producer.put("linger.ms", value);
                case "--batch-size" -> producer.put("batch.size", value);
                case "--compression" -> producer.put("compression.type", value);
                case "--producer-property" -> {
                    int equals = value.indexOf('=');
                    if (equals <= 0) {
                        throw new IllegalArgumentException("--producer-property needs key=value, not " + value);
                    }
                    producer.put(value.substring(0, equals), value.substring(equals + 1));
                }
                case "--broker-classpath" -> brokerClasspath = Path.of(value);
                case "--work-dir" -> workDir = Path.of(value);
                case "--results-dir" -> resultsDir = Path.of(value);
                case "--run-timeout-s" -> runTimeoutSeconds = positive(name, Long.parseLong(value));
                case "--pause-ms" -> pauseMillis = Long.parseLong(value);
                case "--note" -> note = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (brokerClasspath == null) {
            throw new IllegalArgumentException("--broker-classpath is required");
        }
        if (warmupRounds < 0 || pauseMillis < 0) {
            throw new IllegalArgumentException("--warmup-rounds and --pause-ms cannot be negative");
        }
        return new BenchmarkOptions(records, warmupRounds, rounds, partitions, devices, Collections.unmodifiableMap(producer),
                brokerClasspath.toAbsolutePath(), workDir.toAbsolutePath(), resultsDir.toAbsolutePath(),
                Duration.ofSeconds(runTimeoutSeconds), Duration.ofMillis(pauseMillis), keepData,
                Optional.ofNullable(note));
    }

    private static long positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
        return value;
    }
}
