package org.hyperiot.streaming.benchmark.sidebyside;

import java.time.Duration;
import java.util.Optional;

import org.hyperiot.streaming.benchmark.sidebyside.report.Contestant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Our runtime: each run is a stream created and started over REST on a running distribution node,
 * and deleted with its state afterwards, exactly as a user would manage it.
 */
final class HyperIotNodeSystem implements StreamingSystem {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DistributionNode node;
    private final boolean microBatch;
    private final int parallelism;
    private final Duration commitInterval;

    HyperIotNodeSystem(DistributionNode node, boolean microBatch, int parallelism, Duration commitInterval) {
        this.node = node;
        this.microBatch = microBatch;
        this.parallelism = parallelism;
        this.commitInterval = commitInterval;
    }

    @Override
    public Contestant contestant() {
        return microBatch ? Contestant.HYPERIOT_MICRO_BATCH : Contestant.HYPERIOT_NATIVE;
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
                .put("engine", "kafka")
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

    private final class RunningStream implements Running {

        private final String name;

        RunningStream(String name) {
            this.name = name;
        }

        @Override
        public String group() {
            return "hyperiot-stream-" + name;
        }

        @Override
        public long pid() {
            return node.pid().orElse(-1);
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

        @Override
        public void close() throws Exception {
            node.expect(204, "DELETE", "/streams/" + name + "?purgeState=true", null);
        }
    }
}
