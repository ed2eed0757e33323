package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

/**
 * A contestant that runs as a JVM of its own for each run (the raw loop, the Kafka Streams
 * application), with the same heap as a HyperIoT node, stopped with SIGTERM so that it commits
 * and closes as on a normal shutdown.
 */
final class SeparateJvmSystem implements StreamingSystem {

    private final Contestant contestant;
    private final Set<Scenario> scenarios;
    private final Set<Guarantee> guarantees;
    private final List<String> jvmOptions;
    private final Function<ContestantRun, List<String>> programArguments;
    private final Function<ContestantRun, String> group;
    private final Path workDir;

    /**
     * @param scenarios        the scenarios it runs
     * @param guarantees       the guarantees it has
     * @param programArguments what follows the JVM options: {@code -jar app.jar …} or {@code -cp … Main …}
     * @param group            the consumer group a run commits its offsets to
     */
    SeparateJvmSystem(Contestant contestant, Set<Scenario> scenarios, Set<Guarantee> guarantees, List<String> jvmOptions,
            Function<ContestantRun, List<String>> programArguments, Function<ContestantRun, String> group,
            Path workDir) {
        this.contestant = contestant;
        this.scenarios = Set.copyOf(scenarios);
        this.guarantees = Set.copyOf(guarantees);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.programArguments = programArguments;
        this.group = group;
        this.workDir = workDir;
    }

    @Override
    public Contestant contestant() {
        return contestant;
    }

    @Override
    public boolean runs(Scenario scenario, Guarantee guarantee) {
        return scenarios.contains(scenario) && guarantees.contains(guarantee);
    }

    @Override
    public Running start(ContestantRun run) throws IOException {
        Files.createDirectories(workDir);
        Path output = workDir.resolve(run.name() + ".out");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : jvmOptions) {
            command.add(option.replace("{run}", run.name()));
        }
        command.addAll(programArguments.apply(run));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        return new RunningJvm(process, group.apply(run), output);
    }

    /** The last 20 lines of a contestant's output file, for a failure's message. */
    static String tail(Path output) {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static final class RunningJvm implements Running {

        private final Process process;
        private final String group;
        private final Path output;

        RunningJvm(Process process, String group, Path output) {
            this.process = process;
            this.group = group;
            this.output = output;
        }

        @Override
        public String group() {
            return group;
        }

        @Override
        public double cpuSeconds() {
            return ProcessCpu.seconds(process.pid());
        }

        @Override
        public Optional<String> failure() {
            if (process.isAlive()) {
                return Optional.empty();
            }
            return Optional.of("exited with status " + process.exitValue() + "; output " + output + ":\n" + tail(output));
        }

        @Override
        public void close() throws Exception {
            process.destroy();
            if (!process.waitFor(45, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
