package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.hyperiot.streaming.example.telemetry.internal.CelsiusToKelvin;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.experimental.categories.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streams on Storm in the built distribution, against its embedded Storm (real Nimbus, Supervisor and
 * worker JVMs) and broker: one definition, exactly-once, with an event-time window, a late-record and a
 * dead-letter topic, and the example's portable processor {@code celsius-to-kelvin} (whose bundle's jar the
 * topology carries), runs once with {@code "engine": "kafka"} and once with {@code "engine": "storm"} over
 * the same input (out of order, late records, a poison record). Both must publish exactly the windows
 * {@link StreamTestDriver} computes, and the same late records and dead letters, to {@code read_committed}
 * readers. Beside them a keyed storm stream (a {@code keyBy} by site that repartitions: a routing and a
 * window stage through the repartition topic), started before its source topic exists (it waits, saying
 * why), must publish exactly the windows the driver computes over both partitions. Then both topologies'
 * worker JVMs are killed with -9 in the middle of a second burst, and the outputs must still be exactly
 * the expected ones: nothing lost, nothing twice. What a topology cannot run (a processor no bundle
 * declares portable) is refused at create with 422.
 */
@Category(OneAtATime.class)
public class StormStreamsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "eq-readings";
    private static final int PARTITIONS = 2;
    private static final int DEVICES = 12;
    /** The keyed stream's keys: each site's devices sit in both partitions. */
    private static final int SITES = 3;
    /** The engine name's stand-in for the keyed storm stream in stream and topic names. */
    private static final String KEYED = "keyed";
    private static final String KEYED_INPUT = "eq-keyed-readings";
    private static final String KEYED_REPARTITION = "hyperiot-stream-eq-keyed-repartition";
    private static final long WINDOW_MS = 5_000;
    /** The connector's kill wait in this test (its minimum): a stop waits this long. */
    private static final int KILL_WAIT_SECONDS = 5;

    private final String password = "pw-" + UUID.randomUUID();
    private final int kafkaPort = Ports.freePair();
    private DistributionNode node;
    private Http http;
    private KafkaProducer<String, String> producer;
    private OutputLog output;
    /** What was sent to each input partition, in order, for the oracle. */
    private final Map<Integer, List<Sent>> sent = new TreeMap<>();
    private final Map<Integer, List<Sent>> sentKeyed = new TreeMap<>();

    private record Sent(String key, String payload, long timestamp) {
    }

    @Before
    public void startNodeWithEmbeddedStorm() throws Exception {
        node = DistributionNode.startedWithEmbeddedStorm("storm-streams-home", password, kafkaPort, Map.of(
                DistributionNode.configOverride("org.hyperiot.streaming.storm", "kill.wait.seconds"),
                Integer.toString(KILL_WAIT_SECONDS)));
        http = node.http();
    }

    @After
    public void stopEverything() throws Exception {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (output != null) {
            output.close();
        }
        node.stopLeavingNothing();
    }

    @Test
    public void oneDefinitionGivesTheSameResultsOnBothEnginesAndAKilledWorkerChangesNothing() throws Exception {
        // The keyed stream's input is created after the stream starts: the stream waits for it.
        List<String> topics = new ArrayList<>(List.of(INPUT));
        for (String engine : List.of("kafka", "storm", KEYED)) {
            topics.addAll(List.of(sink(engine), late(engine), dead(engine)));
        }
        for (String topic : topics) {
            int partitions = topic.equals(INPUT) ? PARTITIONS : 1;
            assertEquals(201, http.post("/kafka/topics", "{\"name\":\"" + topic + "\",\"partitions\":" + partitions + "}",
                    "admin", password).statusCode());
        }
        // The example processors alone (their feature would also deploy the example topology): portable, so
        // the storm stream packs their bundle's jar into its topology.
        node.shell("bundle:install -s mvn:org.hyperiot.streaming/hyperiot-streaming-example-telemetry/"
                + KarafOptions.PROJECT_VERSION);
        Map<String, Object> client = node.kafkaClient(kafkaPort);
        producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
        List<TopicPartition> outputs = new ArrayList<>();
        topics.stream().filter(topic -> !topic.equals(INPUT)).forEach(topic -> outputs.add(new TopicPartition(topic, 0)));
        output = new OutputLog(client, outputs);

        // What a topology cannot run is refused at create, pointing at the operator concerned.
        HttpResponse<String> refused = http.post("/streams", definition("storm").replace("celsius-to-kelvin",
                "not-portable"), "admin", password);
        assertEquals(refused.body(), 422, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("/pipeline/0/name") && refused.body().contains("not portable"));

        for (String engine : List.of("kafka", "storm", KEYED)) {
            String definition = engine.equals(KEYED) ? keyedDefinition() : definition(engine);
            assertEquals(201, http.post("/streams", definition, "admin", password).statusCode());
            assertEquals(202, http.post("/streams/" + stream(engine) + "/start", "", "admin", password).statusCode());
        }
        // Before its source topic exists, the keyed stream waits, saying why, and has no repartition topic yet.
        Eventually.within(Duration.ofSeconds(30), () -> {
            String waiting = http.get("/streams/" + stream(KEYED) + "/status", "admin", password).body();
            assertTrue(waiting, waiting.contains("WAITING") && waiting.contains(KEYED_INPUT + " does not exist yet"));
        });
        assertEquals(201, http.post("/kafka/topics", "{\"name\":\"" + KEYED_INPUT + "\",\"partitions\":" + PARTITIONS
                + "}", "admin", password).statusCode());
        // The storm streams run once Nimbus has their topologies active.
        JsonNode running = awaitStatus(stream("storm"), "RUNNING", Duration.ofSeconds(180));
        String topologyId = running.path("tasks").get(0).path("task").asText();
        assertTrue(topologyId, topologyId.startsWith("stream-eq-storm-"));
        // The status shows the topology as Nimbus lists it, with its worker once scheduled.
        Eventually.within(Duration.ofSeconds(60), () -> {
            JsonNode topology = JSON.readTree(http.get("/streams/" + stream("storm") + "/status", "admin", password)
                    .body()).path("topology");
            assertEquals(topology.toString(), topologyId, topology.path("id").asText());
            assertEquals(topology.toString(), 1, topology.path("workers").asInt());
            assertTrue(topology.toString(), topology.path("executors").asInt() >= 2);
        });
        String keyedTopologyId = awaitStatus(stream(KEYED), "RUNNING", Duration.ofSeconds(180)).path("tasks").get(0)
                .path("task").asText();
        awaitStatus(stream("kafka"), "RUNNING", Duration.ofSeconds(60));

        Random random = new Random(42);
        long clock = 1_000_000;
        clock = burst(random, clock, 1500);
        sendPoison(0);
        clock = burst(random, clock, 500);
        Expected expected = expected();
        assertTrue("the input must close windows, have late records and a dead letter: " + expected,
                expected.windows().size() > 20 && expected.late() > 0 && expected.dead() == 1);
        for (String engine : List.of("kafka", "storm")) {
            awaitExactly(engine, expected, Duration.ofSeconds(120));
        }
        Expected keyed = expectedKeyed();
        assertTrue("the keyed input must close windows of every site and have a dead letter: " + keyed,
                keyed.windows().size() > 3 * 5 && keyed.late() == 0 && keyed.dead() == 1);
        awaitExactly(KEYED, keyed, Duration.ofSeconds(120));
        // The bolt task reports as a node does: a running task per source partition, and the counters.
        int records = sent.values().stream().mapToInt(List::size).sum();
        Eventually.within(Duration.ofSeconds(30), () -> {
            JsonNode metrics = JSON.readTree(http.get("/streams/" + stream("storm") + "/metrics", "admin", password).body());
            assertEquals(metrics.toString(), records, metrics.path("recordsIn").asLong());
            assertEquals(metrics.toString(), expected.windows().size(), metrics.path("recordsOut").asLong());
            assertEquals(metrics.toString(), expected.dead(), metrics.path("deadLettered").asLong());
        });
        // Storm's own count of the tuple trees, sampled (topology.stats.sample.rate) and so approximate. A worker
        // sends its executors' stats to Nimbus every executor.metrics.frequency.secs (60 s), so a run whose
        // input is done quickly can see none for up to a minute (seen once: acked 0 after 30 s).
        Eventually.within(Duration.ofSeconds(90), () -> {
            JsonNode metrics = JSON.readTree(http.get("/streams/" + stream("storm") + "/metrics", "admin", password).body());
            assertTrue(metrics.toString(), metrics.path("storm").path("acked").asLong() > 0);
        });
        JsonNode status = JSON.readTree(http.get("/streams/" + stream("storm") + "/status", "admin", password).body());
        List<String> boltTasks = new ArrayList<>();
        status.path("tasks").forEach(task -> {
            if (task.path("node").asText().equals("storm-0")) {
                boltTasks.add(task.path("task").asText() + " " + task.path("state").asText());
            }
        });
        assertEquals(status.toString(), List.of(INPUT + "-0 RUNNING", INPUT + "-1 RUNNING"), boltTasks);

        // The keyed stream's two stages report as two sets of bolt tasks: routing the source partitions,
        // windowing the repartition partitions.
        Eventually.within(Duration.ofSeconds(30), () -> {
            JsonNode keyedStatus = JSON.readTree(http.get("/streams/" + stream(KEYED) + "/status", "admin", password).body());
            List<String> keyedTasks = new ArrayList<>();
            keyedStatus.path("tasks").forEach(task -> keyedTasks.add(task.path("node").asText() + " "
                    + task.path("task").asText() + " " + task.path("state").asText()));
            assertTrue(keyedTasks.toString(), keyedTasks.containsAll(List.of("storm-0 " + KEYED_INPUT + "-0 RUNNING",
                    "storm-0 " + KEYED_INPUT + "-1 RUNNING", "storm-window-0 " + KEYED_REPARTITION + "-0 RUNNING",
                    "storm-window-0 " + KEYED_REPARTITION + "-1 RUNNING")));
        });

        // A worker of each topology killed with -9 while the next burst goes in: the Supervisor starts others,
        // which restore the windows and go on from the last committed transaction of each partition.
        List<Long> workers = node.stormWorkers(topologyId);
        assertEquals("one worker JVM runs the topology: " + workers, 1, workers.size());
        List<Long> keyedWorkers = node.stormWorkers(keyedTopologyId);
        assertEquals("one worker JVM runs the keyed topology: " + keyedWorkers, 1, keyedWorkers.size());
        clock = burst(random, clock, 700);
        ProcessHandle.of(workers.get(0)).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(keyedWorkers.get(0)).ifPresent(ProcessHandle::destroyForcibly);
        clock = burst(random, clock, 800);
        Expected afterKill = expected();
        awaitExactly("kafka", afterKill, Duration.ofSeconds(120));
        awaitExactly("storm", afterKill, Duration.ofSeconds(240));
        awaitExactly(KEYED, expectedKeyed(), Duration.ofSeconds(240));
        assertFalse("the worker was not replaced", node.stormWorkers(topologyId).contains(workers.get(0)));
        assertFalse("the keyed worker was not replaced", node.stormWorkers(keyedTopologyId).contains(keyedWorkers.get(0)));

        // Stopped, the topology is killed; deleted, so are the stream's group and changelog.
        assertEquals(202, http.post("/streams/" + stream("storm") + "/stop", "", "admin", password).statusCode());
        Eventually.within(Duration.ofSeconds(120), () -> assertFalse("the topology still runs",
                topologyNames().contains("stream-eq-storm")));
    }

    /**
     * Sends {@code count} readings spread over the devices, a little out of order, a few of them late; the
     * keyed stream's input gets the same readings but the late ones.
     */
    private long burst(Random random, long clock, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            clock += 40;
            int device = random.nextInt(DEVICES);
            long ts = clock - random.nextInt(1_500);
            boolean late = random.nextInt(50) == 0;
            if (late) {
                ts = clock - 9_000; // later than the disorder bound: its window closed already
            }
            String payload = "{\"deviceId\":\"d" + device + "\",\"site\":\"s" + device % SITES + "\",\"v\":"
                    + random.nextInt(100) + ",\"ts\":" + ts + "}";
            send(device % PARTITIONS, "d" + device, payload, ts);
            if (!late) {
                sendKeyed(device % PARTITIONS, "d" + device, payload, ts);
            }
        }
        producer.flush();
        return clock;
    }

    private void sendPoison(int partition) throws Exception {
        send(partition, "d0", "{not json", 0);
        sendKeyed(partition, "d0", "{not json", 0);
        producer.flush();
    }

    /**
     * Sends to the keyed stream's input without waiting: a late record there would be late or not
     * depending on how far the windowing stage has heard from the other partition, so it gets none.
     */
    private void sendKeyed(int partition, String key, String payload, long timestamp) {
        producer.send(new ProducerRecord<>(KEYED_INPUT, partition, timestamp, key, payload));
        sentKeyed.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(key, payload, timestamp));
    }

    private void send(int partition, String key, String payload, long timestamp) throws Exception {
        producer.send(new ProducerRecord<>(INPUT, partition, timestamp, key, payload)).get();
        sent.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(key, payload, timestamp));
    }

    /** What {@link StreamTestDriver} publishes for what was sent: a task per partition, as both engines run. */
    private Expected expected() throws Exception {
        List<JsonNode> windows = new ArrayList<>();
        int late = 0;
        int dead = 0;
        for (Map.Entry<Integer, List<Sent>> partition : sent.entrySet()) {
            try (StreamTestDriver driver = StreamTestDriver.builder(definition("kafka"))
                    .processor(CelsiusToKelvin.NAME, CelsiusToKelvin::new).build()) {
                for (Sent record : partition.getValue()) {
                    driver.pipeRaw(record.key(), record.payload(), record.timestamp());
                }
                for (StreamRecord result : driver.readOutput()) {
                    windows.add(JSON.valueToTree(result.value()));
                }
                late += driver.readLateRecords().size();
                dead += driver.readDeadLetters().size();
            }
        }
        return new Expected(sorted(windows), late, dead);
    }

    /**
     * What {@link StreamTestDriver} publishes for what the keyed stream's input got: one task over both
     * partitions, as the keyed stream's windowing stage sees every source partition of a key.
     */
    private Expected expectedKeyed() {
        try (StreamTestDriver driver = StreamTestDriver.builder(keyedDefinition()).sourcePartitions(PARTITIONS).build()) {
            for (Map.Entry<Integer, List<Sent>> partition : sentKeyed.entrySet()) {
                for (Sent record : partition.getValue()) {
                    driver.pipeRaw(KEYED_INPUT, partition.getKey(), record.key(),
                            record.payload().getBytes(StandardCharsets.UTF_8), record.timestamp());
                }
            }
            List<JsonNode> windows = new ArrayList<>();
            for (StreamRecord result : driver.readOutput()) {
                windows.add(JSON.valueToTree(result.value()));
            }
            return new Expected(sorted(windows), driver.readLateRecords().size(), driver.readDeadLetters().size());
        }
    }

    private record Expected(List<String> windows, int late, int dead) {
    }

    /** Waits until the engine's outputs are exactly the expected ones, and checks they stay so a moment. */
    private void awaitExactly(String engine, Expected expected, Duration timeout) throws Exception {
        Eventually.within(timeout, () -> assertEquals(engine + " windows", expected.windows().size(),
                output.of(sink(engine)).size()));
        // A duplicate would come with one of the next commits, a few hundred ms later.
        output.awaitStill(sink(engine), Duration.ofSeconds(3), Duration.ofSeconds(60));
        assertEquals(engine + " windows", expected.windows(), sorted(values(sink(engine))));
        assertEquals(engine + " late records", expected.late(), output.of(late(engine)).size());
        assertEquals(engine + " dead letters", expected.dead(), output.of(dead(engine)).size());
        if (engine.equals("storm")) {
            assertEquals("late records of both engines", payloads(late("kafka")), payloads(late("storm")));
            assertEquals("dead letters of both engines", payloads(dead("kafka")), payloads(dead("storm")));
        }
    }

    private List<JsonNode> values(String topic) throws IOException {
        List<JsonNode> values = new ArrayList<>();
        for (OutputLog.Output record : output.of(topic)) {
            values.add(JSON.readTree(record.value()));
        }
        return values;
    }

    private List<String> payloads(String topic) {
        return output.of(topic).stream().map(record -> record.key() + "=" + record.value()).sorted()
                .collect(Collectors.toList());
    }

    private static List<String> sorted(List<JsonNode> values) {
        return values.stream().map(JsonNode::toString).sorted().collect(Collectors.toList());
    }

    private JsonNode awaitStatus(String stream, String state, Duration timeout) throws Exception {
        JsonNode[] last = new JsonNode[1];
        Eventually.within(timeout, () -> {
            last[0] = JSON.readTree(http.get("/streams/" + stream + "/status", "admin", password).body());
            assertEquals(last[0].toString(), state, last[0].path("state").asText());
        });
        return last[0];
    }

    private List<String> topologyNames() throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(http.get("/topologies", "admin", password).body()).forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static String definition(String engine) {
        return """
                {"name":"%s","engine":"%s","guarantee":"exactly-once","commitInterval":"200ms",
                 "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                 "watermark":{"maxOutOfOrderness":"2s"},
                 "pipeline":[{"op":"processor","name":"celsius-to-kelvin","config":{"field":"v","target":"k"}},
                   {"op":"window","type":"tumbling","size":"%dms",
                   "aggregate":[{"fn":"count","as":"n"},{"fn":"sum","field":"v","as":"s"},{"fn":"max","field":"k","as":"maxK"}]}],
                 "sink":{"topic":"%s"},"lateRecords":{"topic":"%s"},"deadLetter":{"topic":"%s"}}"""
                .formatted(stream(engine), engine, INPUT, WINDOW_MS, sink(engine), late(engine), dead(engine));
    }

    /** Tumbling windows per site: records of a site come from both partitions, so the stream repartitions. */
    private static String keyedDefinition() {
        return """
                {"name":"%s","engine":"storm","guarantee":"exactly-once","commitInterval":"200ms",
                 "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                 "watermark":{"maxOutOfOrderness":"2s"},
                 "pipeline":[{"op":"keyBy","field":"site"},
                   {"op":"window","type":"tumbling","size":"%dms",
                   "aggregate":[{"fn":"count","as":"n"},{"fn":"sum","field":"v","as":"s"}]}],
                 "sink":{"topic":"%s"},"lateRecords":{"topic":"%s"},"deadLetter":{"topic":"%s"}}"""
                .formatted(stream(KEYED), KEYED_INPUT, WINDOW_MS, sink(KEYED), late(KEYED), dead(KEYED));
    }

    private static String stream(String engine) {
        return "eq-" + engine;
    }

    private static String sink(String engine) {
        return "eq-windows-" + engine;
    }

    private static String late(String engine) {
        return "eq-late-" + engine;
    }

    private static String dead(String engine) {
        return "eq-dead-" + engine;
    }
}
