package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * Runs the packaged benchmark once, small, as a user would: its broker, a distribution node with its
 * embedded Storm, the raw loop, the Kafka Streams application and our kafka engine in every scenario
 * and guarantee (the raw loop leaves out the one that needs a repartition, Kafka Streams at-most-once),
 * the Storm contestants in the stateless scenario only (our storm engine at every guarantee, the
 * hand-written topology at at-least-once), and the latency runs of the raw loop and our native engine (the others' latency runs
 * go the same way and would each cost a run more). Each Storm run costs about half a minute whatever
 * its size (the topology's submission, Nimbus' next scheduling round, a worker JVM's start, the kill and
 * the worker's exit), so the other Storm runs stay out of {@code mvn verify}. It proves that
 * every contestant still produces a verified output and that the report and chart are written; the
 * figures of so short a run mean nothing and are not judged.
 */
class SideBySideBenchmarkSmokeIT {

    @Test
    void everyContestantRunsEveryScenarioWithAVerifiedOutput() throws Exception {
        Path smoke = Files.createDirectories(Path.of(System.getProperty("benchmark.smoke.dir")));
        Path results = smoke.resolve("results");
        // A report of an earlier build (mvn verify without clean) must not stand in for this run's.
        if (Files.isDirectory(results)) {
            try (Stream<Path> earlier = Files.list(results)) {
                for (Path file : earlier.toList()) {
                    Files.delete(file);
                }
            }
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", System.getProperty("benchmark.jar"),
                "--records", "20000", "--devices", "50",
                "--latency-seconds", "3", "--latency-warmup-seconds", "1", "--run-timeout-seconds", "120",
                "--broker-classpath", System.getProperty("benchmark.broker.dir"),
                "--distribution", System.getProperty("benchmark.distribution"),
                "--kafka-streams-app", System.getProperty("benchmark.kafka-streams.app"),
                "--storm-topology-app", System.getProperty("benchmark.storm-topology.app"),
                "--storm-scenarios", "stateless",
                "--latency-contestants", "raw-loop,hyperiot-native",
                "--work-dir", smoke.resolve("work").toString(), "--results-dir", results.toString()))
                .redirectErrorStream(true)
                .redirectOutput(smoke.resolve("benchmark.out").toFile())
                .directory(smoke.toFile())
                .start();
        if (!process.waitFor(12, TimeUnit.MINUTES)) {
            process.destroy();
            process.waitFor(2, TimeUnit.MINUTES);
        }
        String output = Files.readString(smoke.resolve("benchmark.out"), StandardCharsets.UTF_8);

        assertThat(process.isAlive()).as(output).isFalse();
        assertThat(process.exitValue()).as(output).isZero();
        Path report = Files.list(results).filter(path -> path.toString().endsWith(".md")).max(Path::compareTo)
                .orElseThrow();
        String markdown = Files.readString(report, StandardCharsets.UTF_8);
        // Throughput rows: 3 scenarios × 3 guarantees, but the raw loop leaves out windowed-by-site and
        // Kafka Streams at-most-once; and 1 latency row for the raw loop and HyperIoT native.
        assertThat(rows(markdown, "raw kafka-clients loop")).as(markdown).isEqualTo(6 + 1);
        assertThat(rows(markdown, "Kafka Streams 4.3.1")).as(markdown).isEqualTo(6);
        assertThat(rows(markdown, "HyperIoT native")).as(markdown).isEqualTo(9 + 1);
        assertThat(rows(markdown, "HyperIoT micro-batch")).as(markdown).isEqualTo(9);
        for (String system : List.of("Kafka Streams 4.3.1", "HyperIoT native", "HyperIoT micro-batch")) {
            assertThat(markdown).as(markdown).containsPattern("\\| windowed-by-site \\| exactly-once \\| "
                    + system.replace(".", "\\.") + " \\| [^|]+ \\| – \\|");
        }
        // The Storm contestants: stateless only, the hand-written topology at at-least-once only; no latency row.
        assertThat(rows(markdown, "hand-written Storm topology")).as(markdown).isEqualTo(1);
        assertThat(rows(markdown, "HyperIoT on Storm")).as(markdown).isEqualTo(3);
        assertThat(markdown).doesNotContain("**NO**");
        assertThat(markdown).contains("windowed-by-site exactly-once ≥ 1.5 × Kafka Streams");
        assertThat(markdown).contains("## Kafka and Storm engines")
                .contains("HyperIoT on Storm stateless at-least-once ≥ 1.0 × hand-written Storm topology")
                .contains("HyperIoT on Storm stateless exactly-once ≥ 0.8 × its at-least-once");
        Path chart = results.resolve(report.getFileName().toString().replace(".md", ".png"));
        assertThat(ImageIO.read(chart.toFile())).as("chart %s", chart).isNotNull();
    }

    private static int rows(String markdown, String system) {
        return markdown.split("\\| " + system + " \\|", -1).length - 1;
    }
}
