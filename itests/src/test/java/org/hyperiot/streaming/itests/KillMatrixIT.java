package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.ValueFormat;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stream runtime's kill matrix. Two nodes of the built distribution run as separate processes
 * against one broker, with eight streams: a stateless stream for each guarantee in native and in
 * micro-batch mode, and a windowed exactly-once stream in both modes. While sequence-numbered
 * telemetry flows in, node 2 is killed with SIGKILL and restarted, the broker is restarted, node 1
 * is killed and restarted, and node 2 is killed and restarted once more. Then every output is read
 * with {@code read_committed} and checked per device: exactly-once has no gap and no duplicate, and
 * its window results equal those of the same definition run by the engine, without any crash, over
 * the same input; at-least-once has no gap; at-most-once has no duplicate. After each kill the time
 * until the survivor's output covers the dead node's partitions is measured. The soak profile
 * ({@code -Pkill-matrix-soak}) repeats the round of faults at a higher rate.
 */
public class KillMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "km-telemetry";
    private static final int PARTITIONS = 4;
    private static final int DEVICES = 12;
    private static final int RECORDS_PER_SECOND = Integer.getInteger("hyperiot.itest.killmatrix.rate", 240);
    /** The survivor processes the dead node's partitions within this (measured on at-least-once). */
    private static final Duration FAILOVER_GOAL = Duration.ofSeconds(15);
    private static final List<String> NODE_IDS = List.of("1", "2");
    /**
     * Rounds of faults: each kills node 2, restarts the broker, kills node 1 and kills node 2 again
     * (every node restarted after its kill). More rounds make the soak run ({@code -Pkill-matrix-soak}).
     */
    private static final int CYCLES = Integer.getInteger("hyperiot.itest.killmatrix.cycles", 1);

    /** One stream of the matrix. */
    private record Case(String name, String guarantee, String mode, boolean windowed) {

        String sink() {
            return name + "-out";
        }

        String group() {
            return "hyperiot-stream-" + name;
        }

        String definition() {
            String batch = mode.equals("micro-batch") ? "\"batch\":{\"interval\":\"200ms\",\"maxRecords\":500}," : "";
            String source;
            String pipeline;
            if (windowed) {
                source = "{\"topics\":[\"" + INPUT + "\"],\"startFrom\":\"earliest\",\"eventTime\":{\"field\":\"ts\"}},"
                        + "\"watermark\":{\"maxOutOfOrderness\":\"1s\"}";
                pipeline = "[{\"op\":\"keyBy\",\"field\":\"deviceId\"},"
                        + "{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"1s\",\"aggregate\":["
                        + "{\"fn\":\"avg\",\"field\":\"temp\",\"as\":\"avgTemp\"},{\"fn\":\"count\",\"as\":\"n\"},"
                        + "{\"fn\":\"min\",\"field\":\"seq\",\"as\":\"firstSeq\"},{\"fn\":\"max\",\"field\":\"seq\",\"as\":\"lastSeq\"}]}]";
            } else {
                source = "{\"topics\":[\"" + INPUT + "\"],\"startFrom\":\"earliest\"}";
                pipeline = "[{\"op\":\"project\",\"fields\":[\"deviceId\",\"seq\"]}]";
            }
            return "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\",\"guarantee\":\"" + guarantee + "\","
                    + "\"parallelism\":1," + batch + "\"source\":" + source + ",\"pipeline\":" + pipeline + ","
                    + "\"sink\":{\"topic\":\"" + sink() + "\"}}";
        }
    }

    private static final List<Case> CASES = List.of(
            new Case("km-amo-native", "at-most-once", "native", false),
            new Case("km-amo-batch", "at-most-once", "micro-batch", false),
            new Case("km-alo-native", "at-least-once", "native", false),
            new Case("km-alo-batch", "at-least-once", "micro-batch", false),
            new Case("km-eos-native", "exactly-once", "native", false),
            new Case("km-eos-batch", "exactly-once", "micro-batch", false),
            new Case("km-window-eos-native", "exactly-once", "native", true),
            new Case("km-window-eos-batch", "exactly-once", "micro-batch", true));

    /**
     * Streams whose failover time is measured after each kill: at-least-once shows when the survivor
     * processes the orphaned partitions; exactly-once when read_committed readers see it, which may
     * also wait for the broker to abort the dead node's open transaction.
     */
    private static final List<String> FAILOVER_MEASURED = List.of("km-alo-native", "km-eos-native");

    private final String password = "pw-" + UUID.randomUUID();
    private final List<String> report = new ArrayList<>();
    private BrokerProcess broker;
    private Admin admin;
    private final List<DistributionNode> nodes = new ArrayList<>();
    private TelemetryFeed feed;
    private OutputLog outputs;

    @Before
    public void startBrokerAndNodes() throws Exception {
        broker = new BrokerProcess(KarafOptions.BROKER_CLASSPATH, KarafOptions.WORK.resolve("km-broker-" + UUID.randomUUID()),
                Ports.freePair());
        broker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
        // Window results carry their event time (in 2023) as timestamp: without this the broker's
        // time retention could delete them during the run.
        Map<String, String> keepForever = Map.of("retention.ms", "-1");
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(INPUT, PARTITIONS, (short) 1).configs(keepForever));
        CASES.forEach(c -> topics.add(new NewTopic(c.sink(), PARTITIONS, (short) 1).configs(keepForever)));
        admin.createTopics(topics).all().get();

        for (String id : NODE_IDS) {
            nodes.add(new DistributionNode(KarafOptions.WORK.resolve("km-node-" + id + "-" + UUID.randomUUID()),
                    Ports.free(), password,
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(), "STREAMING_NODE_ID", id)));
        }
        onEveryNode(DistributionNode::start);
    }

    @After
    public void stopEverything() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (outputs != null) {
            outputs.close();
        }
        onEveryNode(node -> {
            if (node.isRunning()) {
                node.stop();
            }
            return null;
        });
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (broker != null) {
            broker.stop();
        }
        System.out.println(String.join(System.lineSeparator(), report));
    }

    @Test
    public void everyGuaranteeHoldsWhileNodesAreKilledAndTheBrokerRestarts() throws Exception {
        Http http = nodes.get(0).http();
        for (Case c : CASES) {
            HttpResponse<String> created = http.post("/streams", c.definition(), "admin", password);
            assertEquals(created.body(), 201, created.statusCode());
            HttpResponse<String> started = http.post("/streams/" + c.name() + "/start", "", "admin", password);
            assertEquals(started.body(), 202, started.statusCode());
        }
        awaitTasksOnBothNodes();
        List<TopicPartition> sinks = new ArrayList<>();
        CASES.forEach(c -> {
            for (int p = 0; p < PARTITIONS; p++) {
                sinks.add(new TopicPartition(c.sink(), p));
            }
        });
        outputs = new OutputLog(broker.bootstrapServers(), sinks);
        feed = new TelemetryFeed(broker.bootstrapServers(), INPUT, DEVICES, RECORDS_PER_SECOND);
        long fedFrom = System.currentTimeMillis();
        feed.start();
        awaitOutputFor(feed.nextSeq());

        Map<String, List<Long>> failovers = new HashMap<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            killRestartAndMeasure(1, failovers);
            restartBroker();
            killRestartAndMeasure(0, failovers);
            killRestartAndMeasure(1, failovers);
        }
        // The last restarted node takes part again before the feed ends.
        awaitOutputFor(feed.nextSeq());
        feed.finish(Duration.ofSeconds(5));
        report.add(String.format("feed: %,d rounds of %d devices over %d s, %d unacknowledged sends",
                feed.nextSeq(), DEVICES, (System.currentTimeMillis() - fedFrom) / 1000, feed.failures()));
        assertEquals("the feed lost records: " + feed.firstFailure(), 0, feed.failures());

        Map<Integer, List<ConsumerRecord<String, String>>> input = readInput();
        Map<String, Integer> perDevice = checkInputIsEverySequenceOnce(input);
        Map<Case, List<String>> expectedWindows = new HashMap<>();
        for (Case c : CASES) {
            if (c.windowed()) {
                expectedWindows.put(c, crashFreeRun(c, input));
            }
        }
        awaitDrained(input, perDevice, expectedWindows);

        List<String> violations = new ArrayList<>();
        for (Case c : CASES) {
            if (c.windowed()) {
                verifyWindows(c, expectedWindows.get(c), violations);
            } else {
                verifySequences(c, perDevice, violations);
            }
        }
        // Only the survivor's processing is held to the goal. What exactly-once readers see is reported:
        // it also waits for the dead node's transaction to end, which once took over 90 s after a
        // broker restart (docs/streams.md, Known limits); the records themselves were all exactly once.
        failovers.getOrDefault("km-alo-native", List.of()).stream().filter(took -> took > FAILOVER_GOAL.toMillis())
                .forEach(took -> violations.add("km-alo-native: a failover took " + took + " ms, goal "
                        + FAILOVER_GOAL.toMillis() + " ms"));
        assertTrue(String.join("\n", violations), violations.isEmpty());
    }

    /**
     * Kills a node, measures how long until the survivor's output covers every device of the dead
     * node's partitions with records sent after the kill, restarts the node and waits until both
     * nodes own partitions again. Adds the failover time of each measured stream, in ms, to {@code failovers}.
     */
    private void killRestartAndMeasure(int victim, Map<String, List<Long>> failovers) throws Exception {
        DistributionNode survivor = nodes.get(1 - victim);
        String victimId = NODE_IDS.get(victim);
        Map<String, Set<Integer>> orphaned = new HashMap<>();
        // After a broker restart a node may briefly own nothing (its workers wait to retry): a kill
        // then would orphan no partition and measure nothing.
        Eventually.within(Duration.ofSeconds(120), () -> {
            for (String stream : FAILOVER_MEASURED) {
                orphaned.put(stream, partitionsOf(survivor, stream, victimId));
                assertFalse(stream + " has no partition on node " + victimId, orphaned.get(stream).isEmpty());
            }
        });
        nodes.get(victim).kill();
        long killedAt = System.currentTimeMillis();
        // Read after the process is gone: records from this sequence on were never seen by the victim.
        long firstSeqAfterKill = feed.nextSeq();
        for (String stream : FAILOVER_MEASURED) {
            Set<String> devices = feed.devicesOn(orphaned.get(stream));
            long took = failoverTime(stream + "-out", devices, firstSeqAfterKill, killedAt, Duration.ofSeconds(90));
            report.add(String.format("kill -9 of node %s: %s resumed partitions %s (devices %s) after %s",
                    victimId, stream, orphaned.get(stream), devices,
                    took == Long.MAX_VALUE ? "more than 90 s" : took + " ms"));
            failovers.computeIfAbsent(stream, s -> new ArrayList<>()).add(took);
        }
        nodes.get(victim).start();
        awaitTasksOnBothNodes();
    }

    /**
     * How long after {@code since} the sink had, for every one of {@code devices}, a record from
     * {@code firstSeq} on; {@link Long#MAX_VALUE} if not within {@code limit}. The time is when the
     * reader got the record, so how often this looks does not change it.
     */
    private long failoverTime(String sink, Set<String> devices, long firstSeq, long since, Duration limit)
            throws Exception {
        Map<String, Long> firstRead = new HashMap<>();
        try {
            Eventually.within(limit, () -> {
                firstRead.clear();
                firstRead.putAll(firstReadFrom(sink, firstSeq));
                assertTrue(sink + " has no record from seq " + firstSeq + " for some of " + devices,
                        !devices.isEmpty() && firstRead.keySet().containsAll(devices));
            });
        } catch (AssertionError notWithinLimit) {
            return Long.MAX_VALUE;
        }
        return devices.stream().mapToLong(firstRead::get).max().getAsLong() - since;
    }

    /** Per device, when the reader got the sink's first record with a sequence number from {@code firstSeq} on. */
    private Map<String, Long> firstReadFrom(String sink, long firstSeq) {
        Map<String, Long> firstRead = new HashMap<>();
        for (OutputLog.Output output : outputs.of(sink)) {
            if (seq(output.value()) >= firstSeq) {
                firstRead.putIfAbsent(output.key(), output.readAtMillis());
            }
        }
        return firstRead;
    }

    /**
     * Waits until every stateless stream has written a record of every device from {@code firstSeq}
     * on, and every windowed stream some result: all streams run and keep up with the feed.
     */
    private void awaitOutputFor(long firstSeq) throws Exception {
        Eventually.within(Duration.ofSeconds(120), () -> {
            for (Case c : CASES) {
                if (c.windowed()) {
                    assertFalse(c.name() + " has no window result yet", outputs.of(c.sink()).isEmpty());
                } else {
                    assertEquals(c.name() + " devices with output from seq " + firstSeq, DEVICES,
                            firstReadFrom(c.sink(), firstSeq).size());
                }
            }
        });
    }

    private void restartBroker() throws Exception {
        long stoppedAt = System.currentTimeMillis();
        broker.stop();
        // Down long enough for the nodes to notice: their health turns DOWN.
        Eventually.within(Duration.ofSeconds(60), () -> assertEquals(503,
                nodes.get(0).http().get("/health", null, null).statusCode()));
        broker.start();
        report.add("broker restarted: down for " + (System.currentTimeMillis() - stoppedAt) + " ms");
        awaitTasksOnBothNodes();
    }

    /** Waits until every stream runs on both nodes and its tasks cover every input partition. */
    private void awaitTasksOnBothNodes() throws Exception {
        Eventually.within(Duration.ofSeconds(180), () -> {
            for (Case c : CASES) {
                JsonNode status = JSON.readTree(nodes.get(0).http().get("/streams/" + c.name() + "/status", "admin", password).body());
                Set<String> owners = new HashSet<>();
                Set<String> partitions = new HashSet<>();
                for (JsonNode task : status.path("tasks")) {
                    if (task.path("state").asText().equals("RUNNING")) {
                        owners.add(task.path("node").asText());
                        task.path("partitions").forEach(p -> partitions.add(p.asText()));
                    }
                }
                assertEquals(c.name() + ": " + status, Set.copyOf(NODE_IDS), owners);
                assertEquals(c.name() + ": " + status, PARTITIONS, partitions.size());
            }
        });
    }

    private Set<Integer> partitionsOf(DistributionNode asking, String stream, String nodeId) throws Exception {
        JsonNode status = JSON.readTree(asking.http().get("/streams/" + stream + "/status", "admin", password).body());
        Set<Integer> partitions = new TreeSet<>();
        for (JsonNode task : status.path("tasks")) {
            if (task.path("node").asText().equals(nodeId)) {
                task.path("partitions").forEach(p -> partitions.add(partitionNumber(p.asText())));
            }
        }
        return partitions;
    }

    private static int partitionNumber(String topicPartition) {
        return Integer.parseInt(topicPartition.substring(topicPartition.lastIndexOf('-') + 1));
    }

    private Map<Integer, List<ConsumerRecord<String, String>>> readInput() {
        Map<Integer, List<ConsumerRecord<String, String>>> byPartition = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(INPUT, p));
                byPartition.put(p, new ArrayList<>());
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue("the input could not be read back", System.currentTimeMillis() < deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.get(record.partition()).add(record);
                }
            }
        }
        return byPartition;
    }

    /** The feed's sanity: each device's records carry 0, 1, 2, … in order. Returns records per device. */
    private Map<String, Integer> checkInputIsEverySequenceOnce(Map<Integer, List<ConsumerRecord<String, String>>> input) {
        Map<String, Integer> count = new TreeMap<>();
        for (List<ConsumerRecord<String, String>> records : input.values()) {
            for (ConsumerRecord<String, String> record : records) {
                int next = count.getOrDefault(record.key(), 0);
                assertEquals("input of " + record.key() + " at offset " + record.offset(), next, seq(record.value()));
                count.put(record.key(), next + 1);
            }
        }
        assertEquals(DEVICES, count.size());
        report.add("input: " + count.values().stream().mapToInt(Integer::intValue).sum() + " records, "
                + count.values().iterator().next() + " per device");
        return count;
    }

    /** The window results of the same definition run by the engine over the same input, without a crash. */
    private List<String> crashFreeRun(Case c, Map<Integer, List<ConsumerRecord<String, String>>> input) {
        StreamDefinition definition = new StreamDefinitionReader().read(c.definition());
        ValueFormat format = ValueFormat.of(definition.sink().format());
        List<String> results = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TaskOutput output = new TaskOutput() {
            @Override
            public void result(StreamRecord record) {
                results.add(new String(format.encode(record.value()), StandardCharsets.UTF_8));
            }

            @Override
            public void late(LateRecord late) {
                problems.add("late: " + late);
            }

            @Override
            public void deadLetter(DeadLetterRecord deadLetter) {
                problems.add("dead letter: " + deadLetter);
            }
        };
        input.forEach((partition, records) -> {
            SourcePartition source = new SourcePartition(INPUT, partition);
            StreamTask task = StreamTask.builder(definition).output(output).partitions(List.of(source)).build();
            task.open();
            for (ConsumerRecord<String, String> record : records) {
                task.process(SourceRecord.ofPayload(source, record.offset(), record.key(),
                        record.value().getBytes(StandardCharsets.UTF_8), record.timestamp(), Map.of()));
            }
            long late = task.metrics().lateRecords() + task.metrics().lateDropped();
            if (late > 0) {
                problems.add(late + " late records in partition " + partition);
            }
            task.close();
        });
        assertTrue("the crash-free run itself: " + problems, problems.isEmpty());
        Collections.sort(results);
        return results;
    }

    /**
     * Waits until every stream's group has committed the whole input and the outputs that follow a
     * commit are visible: exactly-once outputs complete, the others no longer growing.
     */
    private void awaitDrained(Map<Integer, List<ConsumerRecord<String, String>>> input, Map<String, Integer> perDevice,
            Map<Case, List<String>> expectedWindows) throws Exception {
        Map<TopicPartition, Long> end = new HashMap<>();
        input.forEach((p, records) -> end.put(new TopicPartition(INPUT, p),
                records.isEmpty() ? 0 : records.get(records.size() - 1).offset() + 1));
        long total = perDevice.values().stream().mapToLong(Integer::longValue).sum();
        Eventually.within(Duration.ofSeconds(240), () -> {
            for (Case c : CASES) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(c.group()).partitionsToOffsetAndMetadata().get();
                for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                    OffsetAndMetadata offset = committed.get(partition.getKey());
                    assertEquals(c.name() + " committed " + partition.getKey(), partition.getValue(),
                            offset == null ? Long.valueOf(-1) : Long.valueOf(offset.offset()));
                }
                if (c.windowed()) {
                    assertEquals(c.name() + " window results", expectedWindows.get(c).size(), outputs.of(c.sink()).size());
                } else if (c.guarantee().equals("exactly-once")) {
                    assertEquals(c.name() + " outputs", total, outputs.of(c.sink()).size());
                }
            }
        });
        // At-most-once sends after it commits, at-least-once may still deliver repeats: wait until
        // no output has grown for two seconds.
        Map<String, Integer> sizes = new HashMap<>();
        long[] grewAt = {System.currentTimeMillis()};
        Eventually.within(Duration.ofSeconds(60), () -> {
            Map<String, Integer> now = new HashMap<>();
            CASES.forEach(c -> now.put(c.name(), outputs.of(c.sink()).size()));
            if (!now.equals(sizes)) {
                sizes.clear();
                sizes.putAll(now);
                grewAt[0] = System.currentTimeMillis();
            }
            assertTrue("outputs still growing", System.currentTimeMillis() - grewAt[0] >= 2_000);
        });
    }

    private void verifySequences(Case c, Map<String, Integer> perDevice, List<String> violations) {
        Map<String, List<Long>> seen = new TreeMap<>();
        List<OutputLog.Output> read = outputs.of(c.sink());
        for (OutputLog.Output output : read) {
            seen.computeIfAbsent(output.key(), k -> new ArrayList<>()).add(seq(output.value()));
        }
        long missing = 0;
        long repeated = 0;
        for (Map.Entry<String, Integer> device : perDevice.entrySet()) {
            List<Long> seqs = seen.getOrDefault(device.getKey(), List.of());
            Set<Long> distinct = new HashSet<>(seqs);
            repeated += seqs.size() - distinct.size();
            for (long s = 0; s < device.getValue(); s++) {
                if (!distinct.contains(s)) {
                    missing++;
                }
            }
            distinct.removeIf(s -> s >= 0 && s < device.getValue());
            if (!distinct.isEmpty()) {
                violations.add(c.name() + ": " + device.getKey() + " has sequence numbers never sent: " + distinct);
            }
        }
        report.add(String.format("%s (%s, %s): %,d records read, %,d missing, %,d repeated", c.name(), c.guarantee(),
                c.mode(), read.size(), missing, repeated));
        boolean mayLose = c.guarantee().equals("at-most-once");
        boolean mayRepeat = c.guarantee().equals("at-least-once");
        if (missing > 0 && !mayLose) {
            violations.add(c.name() + " (" + c.guarantee() + "): " + missing + " records missing");
        }
        if (repeated > 0 && !mayRepeat) {
            violations.add(c.name() + " (" + c.guarantee() + "): " + repeated + " records repeated");
        }
    }

    private void verifyWindows(Case c, List<String> expected, List<String> violations) {
        List<String> actual = outputs.of(c.sink()).stream().map(OutputLog.Output::value).sorted().toList();
        report.add(String.format("%s (%s, %s): %,d window results, %,d in the crash-free run", c.name(), c.guarantee(),
                c.mode(), actual.size(), expected.size()));
        if (!actual.equals(expected)) {
            List<String> extra = new ArrayList<>(actual);
            expected.forEach(extra::remove);
            List<String> absent = new ArrayList<>(expected);
            actual.forEach(absent::remove);
            violations.add(c.name() + ": window results differ from the crash-free run; not expected: "
                    + extra.stream().limit(5).collect(Collectors.toList()) + ", missing: "
                    + absent.stream().limit(5).collect(Collectors.toList()));
        }
    }

    private static long seq(String json) {
        try {
            return JSON.readTree(json).path("seq").asLong(-1);
        } catch (Exception e) {
            return -1;
        }
    }

    private interface NodeAction {
        Object apply(DistributionNode node) throws Exception;
    }

    /** Runs the action on both nodes at once (a Karaf start takes a while on two CPUs). */
    private void onEveryNode(NodeAction action) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (DistributionNode node : nodes) {
                results.add(executor.submit(() -> action.apply(node)));
            }
            for (Future<Object> result : results) {
                result.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
