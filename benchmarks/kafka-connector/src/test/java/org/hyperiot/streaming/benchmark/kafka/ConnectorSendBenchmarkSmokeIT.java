package org.hyperiot.streaming.benchmark.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged benchmark once, small, as a user would: only with {@code -Pbenchmark-smoke}, so
 * that a plain {@code mvn verify} never starts a broker here. It proves that the benchmark starts its
 * broker, drives the real connector, verifies every run and writes its report; the figures of so
 * short a run mean nothing.
 */
class ConnectorSendBenchmarkSmokeIT {

    @Test
    void benchmarkRunsEndToEndAndVerifiesEveryRun() throws Exception {
        Path smoke = Path.of(System.getProperty("benchmark.smoke.dir"));
        Path results = smoke.resolve("results");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-jar", System.getProperty("benchmark.jar"),
                "--records", "10000", "--warmup-rounds", "0", "--rounds", "1", "--pause-ms", "100",
                "--broker-classpath", System.getProperty("benchmark.broker.dir"),
                "--work-dir", smoke.resolve("work").toString(), "--results-dir", results.toString()))
                .redirectErrorStream(true)
                .redirectOutput(smoke.resolve("benchmark.out").toFile())
                .directory(Files.createDirectories(smoke).toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroy();
            process.waitFor(1, TimeUnit.MINUTES);
        }
        String output = Files.readString(smoke.resolve("benchmark.out"), StandardCharsets.UTF_8);

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("round 0 plain", "round 0 stage", "round 0 callback");
        try (Stream<Path> reports = Files.list(results)) {
            Path report = reports.max(Path::compareTo).orElseThrow();
            assertThat(Files.readString(report)).contains("| connector `send(record, callback)` |",
                    "Verification, every run: 10,000 successful completions");
        }
        assertThat(smoke.resolve("work").resolve("broker")).as("the broker's data is removed").doesNotExist();
    }
}
