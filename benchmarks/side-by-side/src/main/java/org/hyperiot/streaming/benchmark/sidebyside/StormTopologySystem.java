package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The hand-written Storm topology ({@code benchmarks/side-by-side-storm}: storm-kafka-client's
 * {@code KafkaSpout} at at-least-once, a filter and projection bolt, {@code KafkaBolt}) on the node's
 * embedded Storm, where our storm engine runs too. For each run a small JVM submits it, as
 * {@code storm jar} does: Storm's worker classpath ({@code lib/storm/lib-worker}) plus the topology jar,
 * which it uploads to Nimbus. Afterwards it is killed through the node's REST API.
 *
 * <p>It runs the stateless scenario at at-least-once only: {@code KafkaBolt} writes without
 * transactions, so Storm's acks (an offset is committed once its outputs are acknowledged) give
 * at-least-once and nothing more, and the windows would be a stream processor of their own, as for
 * the raw loop.
 */
final class StormTopologySystem implements StreamingSystem {

    /**
     * Tuples a spout task may have in flight: the value the platform gives its own stream topologies in
     * native mode ({@code StreamTopology.MAX_PENDING_NATIVE}), so that neither has more room.
     */
    static final int MAX_SPOUT_PENDING = 20_000;
    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(120);
    /** How long a killed topology and its worker may take to go, after the kill wait. */
    private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(90);
    private static final String MAIN_CLASS = "org.hyperiot.streaming.benchmark.sidebyside.storm.StormTopologyContestant";

    private final DistributionNode node;
    private final Path topologyJar;
    private final String bootstrapServers;
    private final int parallelism;
    private final Duration commitInterval;
    private final String compression;
    private final Path workDir;

    StormTopologySystem(DistributionNode node, Path topologyJar, String bootstrapServers, int parallelism,
            Duration commitInterval, String compression, Path workDir) {
        this.node = node;
        this.topologyJar = topologyJar.toAbsolutePath();
        this.bootstrapServers = bootstrapServers;
        this.parallelism = parallelism;
        this.commitInterval = commitInterval;
        this.compression = compression;
        this.workDir = workDir;
    }

    @Override
    public Contestant contestant() {
        return Contestant.STORM_TOPOLOGY;
    }

    @Override
    public boolean runs(Scenario scenario, Guarantee guarantee) {
        return scenario == Scenario.STATELESS && guarantee == Guarantee.AT_LEAST_ONCE;
    }

    @Override
    public Running start(ContestantRun run) throws IOException, InterruptedException {
        if (!runs(run.scenario(), run.guarantee())) {
            throw new IllegalArgumentException(contestant().label() + " does not run " + run.scenario().id() + " "
                    + run.guarantee().id());
        }
        String topology = topologyName(run);
        String group = "storm-" + run.name();
        Files.createDirectories(workDir);
        Path output = workDir.resolve(run.name() + "-submit.out");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dstorm.jar=" + topologyJar,
                // The java launcher expands the wildcard itself.
                "-cp", node.distribution().resolve("lib/storm/lib-worker").toAbsolutePath() + File.separator + "*"
                        + File.pathSeparator + topologyJar,
                MAIN_CLASS,
                "--nimbus", "127.0.0.1:" + node.nimbusPort(),
                "--topology-name", topology,
                "--bootstrap", bootstrapServers,
                "--group", group,
                "--input", run.inputTopic(),
                "--output", run.outputTopic(),
                "--parallelism", Integer.toString(parallelism),
                "--commit-interval-ms", Long.toString(commitInterval.toMillis()),
                "--max-spout-pending", Integer.toString(MAX_SPOUT_PENDING),
                "--compression", compression));
        Process submitter = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        if (!submitter.waitFor(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            submitter.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("submitting topology " + topology + " took more than "
                    + SUBMIT_TIMEOUT.toSeconds() + " s; output " + output + ":\n" + SeparateJvmSystem.tail(output));
        }
        if (submitter.exitValue() != 0) {
            throw new IllegalStateException("submitting topology " + topology + " failed with status "
                    + submitter.exitValue() + "; output " + output + ":\n" + SeparateJvmSystem.tail(output));
        }
        return new RunningTopology(topology, group);
    }

    /** The topology of a run: letters, digits and dashes, as Storm and the node's REST API take them. */
    static String topologyName(ContestantRun run) {
        return "storm-" + run.name();
    }

    private final class RunningTopology implements Running {

        private final String topology;
        private final String group;
        private final TopologyWorkers workers;

        RunningTopology(String topology, String group) {
            this.topology = topology;
            this.group = group;
            this.workers = new TopologyWorkers(() -> {
                try {
                    return node.topology(topology).map(details -> details.path("id").asText());
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        @Override
        public String group() {
            return group;
        }

        /** The topology's worker and log-writer JVMs; the node, Nimbus and the Supervisor are not counted. */
        @Override
        public double cpuSeconds() {
            return workers.cpuSeconds();
        }

        /**
         * The topology gone or no longer active. An error a component reported is no failure: Storm replays
         * what failed, as at-least-once allows, just as a HyperIoT stream fails only when it says FAILED.
         */
        @Override
        public Optional<String> failure() {
            Optional<JsonNode> details;
            try {
                details = node.topology(topology);
            } catch (Exception e) {
                return Optional.of("details of topology " + topology + " unavailable: " + e);
            }
            if (details.isEmpty()) {
                return Optional.of("topology " + topology + " is gone");
            }
            String status = details.get().path("status").asText();
            if (!"ACTIVE".equals(status)) {
                return Optional.of("topology " + topology + " is " + status + lastErrors(details.get()));
            }
            return Optional.empty();
        }

        /** The components' last errors, for a failure's message; empty if none reported one. */
        private String lastErrors(JsonNode details) {
            StringBuilder errors = new StringBuilder();
            for (String kind : List.of("spouts", "bolts")) {
                for (JsonNode component : details.path(kind)) {
                    JsonNode error = component.path("lastError");
                    if (error.isObject()) {
                        errors.append("; ").append(component.path("id").asText()).append(": ")
                                .append(error.path("message").asText());
                    }
                }
            }
            return errors.toString();
        }

        /**
         * Kills the topology with the shortest wait the node allows and waits until Nimbus has removed it
         * and its worker has gone, so that the next run has a free slot and the cores to itself.
         */
        @Override
        public void close() throws Exception {
            // Learns the deployment's id while Storm still knows it, to find its worker afterwards.
            workers.alive();
            int status = node.request("POST", "/topologies/" + topology + "/kill",
                    "{\"waitSeconds\":" + DistributionNode.STORM_KILL_WAIT_SECONDS + "}").statusCode();
            if (status != 202 && status != 404) {
                throw new IllegalStateException("killing topology " + topology + " answered " + status);
            }
            if (!BenchmarkCluster.await(() -> {
                try {
                    return node.topology(topology).isEmpty();
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            }, REMOVAL_TIMEOUT) || !workers.awaitGone(REMOVAL_TIMEOUT)) {
                throw new IllegalStateException("topology " + topology + " or its worker is still there "
                        + REMOVAL_TIMEOUT.toSeconds() + " s after the kill");
            }
        }
    }
}
