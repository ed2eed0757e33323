package org.hyperiot.streaming.benchmark.saga;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.benchmark.saga.rawloop.RawSagaLoop;
import org.hyperiot.streaming.benchmark.saga.report.SagaContestants;
import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/**
 * The raw loop's JVM ({@link RawSagaLoop}), with the node's heap (1 GiB, fixed), on this benchmark's
 * classpath; stopped with SIGTERM.
 */
final class RawLoopProcess implements SagaContestant {

    private final Process process;
    private final Path output;

    private RawLoopProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    static RawLoopProcess start(String bootstrapServers, String compression, List<String> jvmOptions, Path workDir)
            throws IOException {
        Files.createDirectories(workDir);
        Path output = workDir.resolve("raw-loop.out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms1g", "-Xmx1g"));
        command.addAll(jvmOptions);
        List<String> steps = BenchmarkSaga.STEPS.stream().map(BenchmarkSaga.Step::argument).toList();
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), RawSagaLoop.class.getName(),
                "--bootstrap", bootstrapServers, "--topic-prefix", "raw-saga-", "--compression", compression,
                "--steps", String.join(",", steps)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new RawLoopProcess(process, output);
    }

    @Override
    public Contestant contestant() {
        return SagaContestants.RAW_LOOP;
    }

    @Override
    public ExchangeTopics topics() {
        return ExchangeTopics.RAW_LOOP;
    }

    @Override
    public StartEvents starts() {
        return StartEvents.rawLoop(new ObjectMapper());
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<String> failure() {
        if (process.isAlive()) {
            return Optional.empty();
        }
        return Optional.of("the raw loop exited with status " + process.exitValue() + "; output " + output + ":\n"
                + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
