package org.hyperiot.streaming.benchmark.sidebyside;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Our runtime: each run is a stream created and started over REST on a running distribution node,
 * and deleted with its state afterwards, exactly as a user would manage it. The stream runs on the
 * engine the contestant names: {@code kafka} (inside the node's JVM, natively or in micro-batches) or
 * {@code storm} (as a topology on the node's embedded Storm, in a worker JVM of its own).
 */
final class HyperIotNodeSystem implements StreamingSystem {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long a stopped storm stream's topology and worker may take to go (after the kill wait). */
    private static final Duration TOPOLOGY_REMOVAL_TIMEOUT = Duration.ofSeconds(90);

    /** Where a stream runs: the {@code engine} of its definition. */
    enum Engine {
        KAFKA("kafka"),
        STORM("storm");

        private final String id;

        Engine(String id) {
            this.id = id;
        }

        String id() {
            return id;
        }
    }

    private final DistributionNode node;
    private final Contestant contestant;
    private final Engine engine;
    private final boolean microBatch;
    private final Set<Scenario> scenarios;
    private final int parallelism;
    private final Duration commitInterval;

    private HyperIotNodeSystem(DistributionNode node, Contestant contestant, Engine engine, boolean microBatch,
            Set<Scenario> scenarios, int parallelism, Duration commitInterval) {
        this.node = node;
        this.contestant = contestant;
        this.engine = engine;
        this.microBatch = microBatch;
        this.scenarios = Set.copyOf(scenarios);
        this.parallelism = parallelism;
        this.commitInterval = commitInterval;
    }

    /** Streams on the {@code kafka} engine, inside the node: every scenario. */
    static HyperIotNodeSystem onKafka(DistributionNode node, boolean microBatch, int parallelism,
            Duration commitInterval) {
        return new HyperIotNodeSystem(node, microBatch ? Contestant.HYPERIOT_MICRO_BATCH : Contestant.HYPERIOT_NATIVE,
                Engine.KAFKA, microBatch, EnumSet.allOf(Scenario.class), parallelism, commitInterval);
    }

    /** Native streams on the {@code storm} engine, as topologies of the node's Storm: the given scenarios. */
    static HyperIotNodeSystem onStorm(DistributionNode node, Set<Scenario> scenarios, int parallelism,
            Duration commitInterval) {
        return new HyperIotNodeSystem(node, Contestant.HYPERIOT_STORM, Engine.STORM, false, scenarios, parallelism,
                commitInterval);
    }

    @Override
    public Contestant contestant() {
        return contestant;
    }

    @Override
    public boolean runs(Scenario scenario, Guarantee guarantee) {
        return scenarios.contains(scenario);
    }

    @Override
    public Running start(ContestantRun run) throws Exception {
        String name = run.name();
        node.expect(201, "POST", "/streams", definition(run).toString());
        node.expect(202, "POST", "/streams/" + name + "/start", null);
        return new RunningStream(name);
    }

    /** The same pipelines as the other contestants, in the stream definition language. */
    ObjectNode definition(ContestantRun run) {
        ObjectNode definition = JSON.createObjectNode()
                .put("name", run.name())
                .put("engine", engine.id())
                .put("mode", microBatch ? "micro-batch" : "native")
                .put("guarantee", run.guarantee().id())
                .put("parallelism", parallelism)
                .put("commitInterval", commitInterval.toMillis() + "ms");
        if (microBatch) {
            // A batch per commit interval, as the other contestants commit: the same cadence for all.
            definition.putObject("batch").put("interval", commitInterval.toMillis() + "ms").put("maxRecords", 10_000);
        }
        ObjectNode source = definition.putObject("source");
        source.putArray("topics").add(run.inputTopic());
        source.put("startFrom", "earliest");
        ArrayNode pipeline = JSON.createArrayNode();
        switch (run.scenario()) {
            case STATELESS -> {
                plausibleTemperatures(pipeline);
                ArrayNode fields = pipeline.addObject().put("op", "project").putArray("fields");
                fields.add("deviceId").add("seq").add("ts").add("temp");
            }
            case WINDOWED -> {
                eventTime(definition, source, TelemetryWorkload.GRACE_MS);
                // The workload is keyed by device, as Kafka Streams' groupByKey assumes: no repartition.
                pipeline.addObject().put("op", "keyBy").put("field", "deviceId").put("sourcePartitioned", true);
                windowAverage(pipeline);
            }
            case WINDOWED_BY_SITE -> {
                // The input's disorder bound, as for the windows per device: the watermark is the
                // minimum over the source partitions, however far apart they run.
                eventTime(definition, source, TelemetryWorkload.GRACE_MS);
                plausibleTemperatures(pipeline);
                // The site is not the topic's key: the stream repartitions by it before the window.
                pipeline.addObject().put("op", "keyBy").put("field", "site");
                windowAverage(pipeline);
            }
        }
        definition.set("pipeline", pipeline);
        definition.putObject("sink").put("topic", run.outputTopic());
        return definition;
    }

    private static void plausibleTemperatures(ArrayNode pipeline) {
        pipeline.addObject().put("op", "filter").putObject("where").put("field", "temp").put("gt", -50);
    }

    /** Event time from {@code ts}; windows close {@code maxOutOfOrderness} after their end. */
    private static void eventTime(ObjectNode definition, ObjectNode source, long maxOutOfOrderness) {
        source.putObject("eventTime").put("field", "ts");
        definition.putObject("watermark").put("maxOutOfOrderness", maxOutOfOrderness + "ms");
    }

    /** Tumbling 1 s windows, one final result each with the average temperature and the count. */
    private static void windowAverage(ArrayNode pipeline) {
        ObjectNode window = pipeline.addObject().put("op", "window").put("type", "tumbling")
                .put("size", TelemetryWorkload.WINDOW_MS + "ms").put("allowedLateness", "0s").put("emit", "on-close");
        ArrayNode aggregate = window.putArray("aggregate");
        aggregate.addObject().put("fn", "avg").put("field", "temp").put("as", "avgTemp");
        aggregate.addObject().put("fn", "count").put("as", "n");
    }

    /**
     * The topology a storm stream runs as: {@code stream-<name>}, with {@code _} written {@code U} and
     * then {@code .} written {@code _} (Storm refuses dots in names).
     */
    static String topologyName(String streamName) {
        return "stream-" + streamName.replace("_", "U").replace(".", "_");
    }

    private final class RunningStream implements Running {

        private final String name;
        // Storm engine only: the topology's worker processes, whose CPU is the stream's.
        private final TopologyWorkers workers;

        RunningStream(String name) {
            this.name = name;
            this.workers = engine == Engine.STORM ? new TopologyWorkers(this::topologyId) : null;
        }

        @Override
        public String group() {
            return "hyperiot-stream-" + name;
        }

        /**
         * On the kafka engine the whole node's JVM, which runs the stream's workers; on the storm engine
         * the topology's worker and log-writer JVMs only (the node, Nimbus and the Supervisor are not
         * counted).
         */
        @Override
        public double cpuSeconds() {
            return workers == null ? ProcessCpu.seconds(node.pid().orElse(-1)) : workers.cpuSeconds();
        }

        @Override
        public Optional<String> failure() {
            try {
                JsonNode status = JSON.readTree(node.expect(200, "GET", "/streams/" + name + "/status", null));
                if ("FAILED".equals(status.path("state").asText())) {
                    return Optional.of("stream " + name + " FAILED: " + status.path("lastError"));
                }
                return Optional.empty();
            } catch (Exception e) {
                return Optional.of("status of " + name + " unavailable: " + e);
            }
        }

        /**
         * Deletes the stream with its state. A storm stream's topology is killed with the connector's
         * wait; this waits until Nimbus has removed it and its worker has gone, so that the next run
         * finds a free worker slot and no other worker on the cores.
         */
        @Override
        public void close() throws Exception {
            node.expect(204, "DELETE", "/streams/" + name + "?purgeState=true", null);
            if (workers != null) {
                String topology = topologyName(name);
                if (!BenchmarkCluster.await(() -> topologyId().isEmpty(), TOPOLOGY_REMOVAL_TIMEOUT)
                        || !workers.awaitGone(TOPOLOGY_REMOVAL_TIMEOUT)) {
                    throw new IllegalStateException("topology " + topology + " of the deleted stream " + name
                            + " or its worker is still there after " + TOPOLOGY_REMOVAL_TIMEOUT.toSeconds() + " s");
                }
            }
        }

        private Optional<String> topologyId() {
            try {
                return node.topology(topologyName(name)).map(topology -> topology.path("id").asText());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
