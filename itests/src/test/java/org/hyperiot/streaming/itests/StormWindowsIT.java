package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.experimental.categories.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The window types {@link StormStreamsIT} leaves out, on both engines against the distribution's embedded
 * Storm: a sliding and a session window (native, exactly-once, with late records) and a count window
 * (micro-batch, at-least-once: count windows have no late records, so the batching cannot change what is
 * late). One input (out of order, late records, a poison record) is written first; then each definition
 * runs with {@code "engine": "kafka"} and with {@code "engine": "storm"} from the earliest offset, and
 * both must publish exactly the windows, late records and dead letters of {@link StreamTestDriver} (one
 * driver per source partition, as both engines run a task per partition). The embedded Storm has two
 * worker slots, so the storm streams run two, then one.
 *
 * <p>A second test switches a windowed exactly-once stream from the {@code kafka} engine to {@code storm}
 * and back with {@code PUT}, and requires the output the driver gives for the whole input.
 *
 * <p>Runs only with {@code -Pstorm-windows} (system property {@code hyperiot.itest.stormwindows}), about
 * three minutes.
 */
@Category(OneAtATime.class)
public class StormWindowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "win-readings";
    private static final int PARTITIONS = 2;
    private static final int DEVICES = 12;
    private static final int KILL_WAIT_SECONDS = 5;
    /** The stream that switches engines, and its topics. */
    private static final String SWITCH = "win-switch";
    private static final String SWITCH_INPUT = "win-switch-readings";
    private static final String SWITCH_OUT = "win-switch-out";
    private static final String SWITCH_LATE = "win-switch-late";
    private static final String SWITCH_DEAD = "win-switch-dead";

    /** A window type with the rest of its definition. */
    private enum Window {
        SLIDING("exactly-once", "\"native\"",
                "{\"op\":\"window\",\"type\":\"sliding\",\"size\":\"6s\",\"slide\":\"2s\"", true),
        SESSION("exactly-once", "\"native\"", "{\"op\":\"window\",\"type\":\"session\",\"gap\":\"1500ms\"", true),
        COUNT("at-least-once", "\"micro-batch\",\"batch\":{\"interval\":\"500ms\",\"maxRecords\":50}",
                "{\"op\":\"window\",\"type\":\"count\",\"size\":5,\"slide\":3", false);

        final String guarantee;
        final String mode;
        final String window;
        final boolean hasLateRecords;

        Window(String guarantee, String mode, String window, boolean hasLateRecords) {
            this.guarantee = guarantee;
            this.mode = mode;
            this.window = window;
            this.hasLateRecords = hasLateRecords;
        }

        String stream(String engine) {
            return "win-" + name().toLowerCase() + "-" + engine;
        }

        String sink(String engine) {
            return stream(engine) + "-out";
        }

        String late(String engine) {
            return stream(engine) + "-late";
        }

        String dead(String engine) {
            return stream(engine) + "-dead";
        }

        /** Count, sum and max of {@code v} per device, keyed as read. */
        String definition(String engine) {
            return """
                    {"name":"%s","engine":"%s","guarantee":"%s","mode":%s,"commitInterval":"200ms",
                     "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                     "watermark":{"maxOutOfOrderness":"2s"},
                     "pipeline":[%s,"aggregate":[{"fn":"count","as":"n"},{"fn":"sum","field":"v","as":"s"},
                       {"fn":"max","field":"v","as":"max"}]}],
                     "sink":{"topic":"%s"},%s"deadLetter":{"topic":"%s"}}"""
                    .formatted(stream(engine), engine, guarantee, mode, INPUT, window, sink(engine),
                            hasLateRecords ? "\"lateRecords\":{\"topic\":\"" + late(engine) + "\"}," : "", dead(engine));
        }

        List<String> topics(String engine) {
            return hasLateRecords ? List.of(sink(engine), late(engine), dead(engine)) : List.of(sink(engine), dead(engine));
        }
    }

    private record Sent(String key, String payload, long timestamp) {
    }

    private record Expected(List<String> windows, int late, int dead) {
    }

    private final String password = "pw-" + UUID.randomUUID();
    private final int kafkaPort = Ports.freePair();
    private final Map<Integer, List<Sent>> sent = new TreeMap<>();
    private DistributionNode node;
    private Http http;
    private KafkaProducer<String, String> producer;
    private OutputLog output;

    @BeforeClass
    public static void onlyInItsProfile() {
        Assume.assumeTrue("the storm window comparison runs with -Pstorm-windows",
                Boolean.getBoolean("hyperiot.itest.stormwindows"));
    }

    @Before
    public void startNodeWithEmbeddedStorm() throws Exception {
        node = DistributionNode.startedWithEmbeddedStorm("storm-windows-home", password, kafkaPort);
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
        if (node != null) {
            node.stopLeavingNothing();
        }
    }

    @Test
    public void everyWindowTypeGivesTheDriversResultsOnBothEngines() throws Exception {
        List<TopicPartition> outputs = new ArrayList<>();
        createTopic(INPUT, PARTITIONS);
        for (Window window : Window.values()) {
            for (String engine : List.of("kafka", "storm")) {
                for (String topic : window.topics(engine)) {
                    createTopic(topic, 1);
                    outputs.add(new TopicPartition(topic, 0));
                }
            }
        }
        node.shell("config:property-set -p org.hyperiot.streaming.storm kill.wait.seconds " + KILL_WAIT_SECONDS);
        Map<String, Object> client = node.kafkaClient(kafkaPort);
        producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
        output = new OutputLog(client, outputs);

        readings(INPUT, new Random(7), 1_000_000, 1500, 700);

        for (Window window : Window.values()) {
            create(window.definition("kafka"));
            start(window.stream("kafka"));
        }
        // Two worker slots: two storm streams at a time.
        List<List<Window>> stormRuns = List.of(List.of(Window.SLIDING, Window.SESSION), List.of(Window.COUNT));
        for (List<Window> run : stormRuns) {
            for (Window window : run) {
                create(window.definition("storm"));
                start(window.stream("storm"));
            }
            for (Window window : run) {
                Expected expected = expected(window);
                assertTrue(window + ": the input must close windows and have a dead letter: " + expected,
                        expected.windows().size() > 50 && expected.dead() == 1
                                && (expected.late() > 0) == window.hasLateRecords);
                awaitExactly(window, "kafka", expected);
                awaitExactly(window, "storm", expected);
                assertEquals(window + " late records of both engines", payloads(window.late("kafka")),
                        payloads(window.late("storm")));
                assertEquals(window + " dead letters of both engines", payloads(window.dead("kafka")),
                        payloads(window.dead("storm")));
            }
            for (Window window : run) {
                assertEquals(202, http.post("/streams/" + window.stream("storm") + "/stop", "", "admin", password)
                        .statusCode());
            }
            Eventually.within(Duration.ofSeconds(120), () -> {
                JsonNode topologies = JSON.readTree(http.get("/topologies", "admin", password).body());
                assertFalse("topologies still run: " + topologies, topologies.toString().contains("stream-win-"));
            });
        }
    }

    /**
     * A windowed exactly-once stream runs the first part of its input on the {@code kafka} engine, is
     * stopped, changed to {@code storm} with {@code PUT} and started, runs the second part, and then the
     * third back on {@code kafka}. Both engines keep the window state in the same changelog and the offsets
     * in the same group, so the windows open at each switch are completed by the other engine: the output
     * is that of the driver over the whole input without a break, nothing missing or twice.
     */
    @Test
    public void aWindowedStreamSwitchesEnginesWithItsStateAndBack() throws Exception {
        createTopic(SWITCH_INPUT, PARTITIONS);
        for (String topic : List.of(SWITCH_OUT, SWITCH_LATE, SWITCH_DEAD)) {
            createTopic(topic, 1);
        }
        node.shell("config:property-set -p org.hyperiot.streaming.storm kill.wait.seconds " + KILL_WAIT_SECONDS);
        Map<String, Object> client = node.kafkaClient(kafkaPort);
        producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
        output = new OutputLog(client, List.of(new TopicPartition(SWITCH_OUT, 0), new TopicPartition(SWITCH_LATE, 0),
                new TopicPartition(SWITCH_DEAD, 0)));
        Random random = new Random(11);
        long clock = 1_000_000;

        create(switchDefinition("kafka"));
        start(SWITCH);
        awaitState(SWITCH, "RUNNING");
        clock = readings(SWITCH_INPUT, random, clock, 600, 300);
        awaitExactly("kafka, first part", SWITCH_OUT, SWITCH_LATE, SWITCH_DEAD, expected(switchDefinition("kafka")));

        for (String engine : List.of("storm", "kafka")) {
            stop(SWITCH);
            var replaced = http.put("/streams/" + SWITCH, switchDefinition(engine), "admin", password);
            assertEquals(replaced.body(), 200, replaced.statusCode());
            start(SWITCH);
            awaitState(SWITCH, "RUNNING");
            clock = readings(SWITCH_INPUT, random, clock, 600, -1);
            Expected expected = expected(switchDefinition(engine));
            assertTrue("every part must close windows: " + expected, expected.windows().size() > 60);
            awaitExactly(engine + ", after the switch", SWITCH_OUT, SWITCH_LATE, SWITCH_DEAD, expected);
        }
    }

    /** Tumbling windows, exactly-once, with late records and dead letters, on {@code engine}. */
    private static String switchDefinition(String engine) {
        return """
                {"name":"%s","engine":"%s","guarantee":"exactly-once","commitInterval":"200ms",
                 "source":{"topics":["%s"],"startFrom":"earliest","eventTime":{"field":"ts"}},
                 "watermark":{"maxOutOfOrderness":"2s"},
                 "pipeline":[{"op":"window","type":"tumbling","size":"3s",
                   "aggregate":[{"fn":"count","as":"n"},{"fn":"sum","field":"v","as":"s"}]}],
                 "sink":{"topic":"%s"},"lateRecords":{"topic":"%s"},"deadLetter":{"topic":"%s"}}"""
                .formatted(SWITCH, engine, SWITCH_INPUT, SWITCH_OUT, SWITCH_LATE, SWITCH_DEAD);
    }

    /**
     * Stops the stream and waits until it runs nowhere: a storm stream's topology gone, a kafka stream's
     * workers gone from the group, so that the other engine starts from everything committed.
     */
    private void stop(String stream) throws Exception {
        assertEquals(202, http.post("/streams/" + stream + "/stop", "", "admin", password).statusCode());
        Eventually.within(Duration.ofSeconds(120), () -> {
            JsonNode status = JSON.readTree(http.get("/streams/" + stream + "/status", "admin", password).body());
            assertEquals(status.toString(), "STOPPED", status.path("state").asText());
            assertEquals(status.toString(), 0, status.path("tasks").size());
            JsonNode topologies = JSON.readTree(http.get("/topologies", "admin", password).body());
            assertFalse("the topology still runs: " + topologies, topologies.toString().contains("stream-" + stream));
        });
    }

    private void awaitState(String stream, String state) throws Exception {
        Eventually.within(Duration.ofSeconds(180), () -> {
            JsonNode status = JSON.readTree(http.get("/streams/" + stream + "/status", "admin", password).body());
            assertEquals(status.toString(), state, status.path("state").asText());
        });
    }

    private void createTopic(String topic, int partitions) throws Exception {
        assertEquals(topic, 201, http.post("/kafka/topics", "{\"name\":\"" + topic + "\",\"partitions\":" + partitions
                + "}", "admin", password).statusCode());
    }

    private void create(String definition) throws Exception {
        var created = http.post("/streams", definition, "admin", password);
        assertEquals(created.body(), 201, created.statusCode());
    }

    private void start(String stream) throws Exception {
        assertEquals(202, http.post("/streams/" + stream + "/start", "", "admin", password).statusCode());
    }

    /**
     * Sends {@code count} readings of the devices to {@code topic} from event time {@code clock} on, 40 ms
     * apart, up to 1.5 s out of order, one in 50 9 s late, and a poison record before reading
     * {@code poisonAt} (none if it is negative); returns the clock after the last.
     */
    private long readings(String topic, Random random, long clock, int count, int poisonAt) throws Exception {
        for (int i = 0; i < count; i++) {
            clock += 40;
            int device = random.nextInt(DEVICES);
            long ts = random.nextInt(50) == 0 ? clock - 9_000 : clock - random.nextInt(1_500);
            if (i == poisonAt) {
                send(topic, device % PARTITIONS, "d" + device, "{not json", 0);
            }
            send(topic, device % PARTITIONS, "d" + device, "{\"deviceId\":\"d" + device + "\",\"v\":"
                    + random.nextInt(100) + ",\"ts\":" + ts + "}", ts);
        }
        producer.flush();
        return clock;
    }

    private void send(String topic, int partition, String key, String payload, long timestamp) throws Exception {
        producer.send(new ProducerRecord<>(topic, partition, timestamp, key, payload)).get();
        sent.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(key, payload, timestamp));
    }

    private Expected expected(Window window) {
        return expected(window.definition("kafka"));
    }

    /** What the driver publishes for what was sent, a driver per partition; micro-batch flushed at the end. */
    private Expected expected(String definition) {
        List<String> windows = new ArrayList<>();
        int late = 0;
        int dead = 0;
        for (List<Sent> partition : sent.values()) {
            try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
                for (Sent record : partition) {
                    driver.pipeRaw(record.key(), record.payload(), record.timestamp());
                }
                driver.flushBatch();
                for (StreamRecord result : driver.readOutput()) {
                    windows.add(JSON.valueToTree(result.value()).toString());
                }
                late += driver.readLateRecords().size();
                dead += driver.readDeadLetters().size();
            }
        }
        return new Expected(windows.stream().sorted().toList(), late, dead);
    }

    private void awaitExactly(Window window, String engine, Expected expected) throws Exception {
        awaitExactly(window + " " + engine, window.sink(engine), window.hasLateRecords ? window.late(engine) : null,
                window.dead(engine), expected);
    }

    /** Waits until the sink has exactly the expected windows, and checks the late records and dead letters. */
    private void awaitExactly(String what, String sink, String late, String dead, Expected expected) throws Exception {
        Eventually.within(Duration.ofSeconds(180), () -> assertEquals(what + " windows",
                expected.windows().size(), output.of(sink).size()));
        output.awaitStill(sink, Duration.ofSeconds(3), Duration.ofSeconds(60));
        assertEquals(what + " windows", expected.windows(), values(sink));
        if (late != null) {
            assertEquals(what + " late records", expected.late(), output.of(late).size());
        }
        assertEquals(what + " dead letters", expected.dead(), output.of(dead).size());
    }

    private List<String> values(String topic) throws IOException {
        List<String> values = new ArrayList<>();
        for (OutputLog.Output record : output.of(topic)) {
            values.add(JSON.readTree(record.value()).toString());
        }
        return values.stream().sorted().toList();
    }

    private List<String> payloads(String topic) {
        return output.of(topic).stream().map(record -> record.key() + "=" + record.value()).sorted().toList();
    }
}
