package org.hyperiot.streaming.benchmark.kafka;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.kafka.internal.StandaloneKafkaConnector;

/**
 * Throughput of the Kafka connector's {@code send} methods against a plain {@link KafkaProducer} with
 * the same settings, on the same embedded broker, in the same JVM, rounds interleaved.
 *
 * <p>Exit status: 0 when every run was verified (whether or not the 95 % goal was met), 1 when a run
 * failed or could not be verified, 2 for bad arguments.
 */
public final class ConnectorSendBenchmark {

    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final String PLAIN_CLIENT_ID = "benchmark-plain";

    private ConnectorSendBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // Kafka's clients log every configuration at INFO; the report is what matters here.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchmarkOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            run(options);
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(BenchmarkOptions options) throws Exception {
        long startNanos = System.nanoTime();
        ThreadCost.enable();
        BenchmarkEnvironment environment = BenchmarkEnvironment.before();
        TelemetryRecords telemetry = new TelemetryRecords(options.devices());
        Path brokerData = options.workDir().resolve("broker");
        Directories.deleteRecursively(brokerData);
        List<RunResult> results = new ArrayList<>();

        System.out.printf(Locale.ROOT, "Starting the embedded broker (data in %s)%n", brokerData);
        try (EmbeddedBrokerProcess broker = EmbeddedBrokerProcess.start(options.brokerClasspath(), brokerData,
                BROKER_START_TIMEOUT)) {
            String bootstrap = broker.bootstrapServers();
            System.out.printf(Locale.ROOT, "Broker ready on %s (pid %d); %s records per run, %d warm-up + %d rounds, %s%n",
                    bootstrap, broker.pid(), ThroughputReport.integer(options.records()), options.warmupRounds(),
                    options.rounds(), options.producerSettings());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                    Producer<byte[], byte[]> plain = plainProducer(bootstrap, options.producerSettings())) {
                KafkaConnector connector = StandaloneKafkaConnector.open(bootstrap,
                        connectorProperties(options.producerSettings()), "benchmark");
                try {
                    SendThroughputMeasurement measurement = new SendThroughputMeasurement(admin, plain,
                            PLAIN_CLIENT_ID, connector, telemetry, options, broker.pid());
                    SendVariant[] variants = SendVariant.values();
                    for (int round = 0; round < options.warmupRounds() + options.rounds(); round++) {
                        boolean warmup = round < options.warmupRounds();
                        for (int position = 0; position < variants.length; position++) {
                            // Rotating the order puts every variant first, second and third equally often.
                            SendVariant variant = variants[(round + position) % variants.length];
                            RunResult result = measurement.measure(variant, round, warmup, position);
                            results.add(result);
                            System.out.printf(Locale.ROOT, "round %d%s %-8s %,12.0f records/s  %6.2f s  "
                                    + "ns/rec: sending thread %4.0f, I/O thread %4.0f, JVM %4.0f, broker %4.0f; "
                                    + "%,.0f rec/request; GC %d ms; send blocked %.0f %%; other load %.1f CPUs; verified%n",
                                    round, warmup ? " (warm-up)" : "", variant.shortName, result.recordsPerSecond(),
                                    result.elapsed().toNanos() / 1e9, result.sendingCpuNanosPerRecord(),
                                    result.ioCpuNanosPerRecord(), result.clientCpuNanosPerRecord(),
                                    result.brokerCpuNanosPerRecord(), result.recordsPerRequest(),
                                    result.gcPause().toMillis(), result.blockedShare() * 100, result.otherCores());
                        }
                    }
                } finally {
                    StandaloneKafkaConnector.close(connector);
                    plain.close(CLOSE_TIMEOUT);
                }
            }
        } finally {
            if (!options.keepData()) {
                Directories.deleteRecursively(brokerData);
            }
        }

        ThroughputReport report = new ThroughputReport(options,
                environment.after((System.nanoTime() - startNanos) / 1_000_000_000L), telemetry, results);
        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        Path file = reportFile(options.resultsDir(), environment);
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        System.out.println("Report written to " + file);
    }

    private static Producer<byte[], byte[]> plainProducer(String bootstrap, Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, PLAIN_CLIENT_ID);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The same producer settings as configuration of PID {@code org.hyperiot.streaming.kafka}. */
    private static Map<String, Object> connectorProperties(Map<String, String> settings) {
        Map<String, Object> properties = new HashMap<>();
        settings.forEach((key, value) -> properties.put("kafka.producer." + key, value));
        return properties;
    }

    /** {@code <yyyy-MM-dd>.md}, or {@code <yyyy-MM-dd>-2.md} and so on if that day already has a report. */
    private static Path reportFile(Path directory, BenchmarkEnvironment environment) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(environment.date() + ".md");
        for (int n = 2; Files.exists(file); n++) {
            file = directory.resolve(environment.date() + "-" + n + ".md");
        }
        return file;
    }
}
