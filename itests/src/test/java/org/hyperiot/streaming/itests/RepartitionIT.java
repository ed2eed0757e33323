package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hyperiot.streaming.itests.OneStreamWindowOracle.Expectation;
import org.hyperiot.streaming.itests.OneStreamWindowOracle.Input;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.experimental.categories.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A keyed window over a key that spans partitions, under exactly-once, through a crash. The source
 * topic has three partitions keyed by device; the stream filters, groups by site (every site has
 * devices on every partition) and counts and sums per site in tumbling event-time windows, with
 * disorder in the input within {@code maxOutOfOrderness} and an {@code idleTimeout}. Two nodes of the
 * built distribution run it as separate processes against one broker; while sequence-numbered
 * records flow in, one node is killed with SIGKILL and started again.
 *
 * <p>Then the sink is read with {@code read_committed}: it must hold exactly one result per site and
 * window, equal to what {@link OneStreamWindowOracle} computes from the input actually written, taken
 * as one ordered stream with no partitions. The feed ends on one partition only, so the last windows
 * close only once the other two count as idle; records sent after that into closed windows must be
 * dropped as late, counted, and change nothing. Along the way: the repartition topic exists, its
 * partitions show as tasks in the stream's status, and a delete with {@code purgeState} removes it.
 */
@Category(OneAtATime.class)
public class RepartitionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STREAM = "rp-sites";
    private static final String INPUT = "rp-telemetry";
    private static final String SINK = STREAM + "-out";
    private static final String INTERNAL_PREFIX = "hyperiot-stream-" + STREAM + "-";
    private static final String REPARTITION = INTERNAL_PREFIX + "repartition";
    private static final int PARTITIONS = 3;
    private static final List<String> NODE_IDS = List.of("1", "2");

    private static final long WINDOW_MS = 2_000;
    private static final long MAX_OUT_OF_ORDERNESS_MS = 1_000;
    /** Below the disorder bound: no record is ever late while the feed runs, whatever the interleaving. */
    private static final long MAX_JITTER_MS = 900;
    /**
     * Much shorter than a partition's records stop reaching the windows while its node is dead and the
     * group moves it (session timeout, then the transaction timeout for the dead node's open
     * transaction, about 11 s here): a crash must not make a partition that has records count as idle.
     * Only a routing task declares its partition idle, from the records it reads; a dead or moving one
     * declares nothing, and the windows wait for its backlog (with idleness timed by the windowing
     * stage, this kill dropped 552 on-time records as late). Also what closes the last windows.
     */
    private static final long IDLE_TIMEOUT_MS = Long.getLong("hyperiot.itest.repartition.idleTimeoutMs", 3_000);
    private static final int ROUNDS_PER_SECOND = 40;
    /** Event time advances by this per round: as fast as the clock at 40 rounds a second. */
    private static final long STEP_MS = 25;
    /** The filter before the keyBy keeps values below this. */
    private static final long KEEP_BELOW = 90;
    /** How far past the last round the closing records are: far enough to close every window before. */
    private static final Duration CLOSE_BY = Duration.ofMillis(2 * WINDOW_MS + MAX_OUT_OF_ORDERNESS_MS);
    private static final int CLOSING_PARTITION = 0;

    private final String password = "pw-" + UUID.randomUUID();
    private final List<String> report = new ArrayList<>();
    private final long startedAt = System.currentTimeMillis();
    private BrokerWithNodes cluster;
    private BrokerProcess broker;
    private Admin admin;
    private List<DistributionNode> nodes = List.of();
    private SiteTelemetryFeed feed;
    private OutputLog outputs;

    @Before
    public void startBrokerAndNodes() throws Exception {
        cluster = BrokerWithNodes.startBroker("rp");
        broker = cluster.broker();
        admin = cluster.admin();
        nodes = cluster.nodes();
        admin.createTopics(List.of(new NewTopic(INPUT, PARTITIONS, (short) 1), new NewTopic(SINK, PARTITIONS, (short) 1)))
                .all().get();
        cluster.startNodes(password, NODE_IDS);
        note("broker and both nodes started");
    }

    @After
    public void stopEverything() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (outputs != null) {
            outputs.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        System.out.println(String.join(System.lineSeparator(), report));
    }

    @Test
    public void oneResultPerSiteAndWindowEqualToTheOneStreamOracleThroughAKill() throws Exception {
        Http http = nodes.get(0).http();
        HttpResponse<String> created = http.post("/streams", definition(), "admin", password);
        assertEquals(created.body(), 201, created.statusCode());
        HttpResponse<String> started = http.post("/streams/" + STREAM + "/start", "", "admin", password);
        assertEquals(started.body(), 202, started.statusCode());

        // The repartition is an internal topic of the stream, as wide as the source by default.
        Eventually.within(Duration.ofSeconds(60), () -> assertEquals(REPARTITION + " partitions", PARTITIONS,
                describe(REPARTITION).partitions().size()));
        awaitTasksOnBothNodes();
        note("the stream runs on both nodes; status tasks " + taskIds(status()));

        outputs = new OutputLog(broker.bootstrapServers(), partitions(SINK));
        long origin = Math.floorDiv(System.currentTimeMillis(), WINDOW_MS) * WINDOW_MS;
        feed = new SiteTelemetryFeed(broker.bootstrapServers(), INPUT, PARTITIONS, ROUNDS_PER_SECOND, origin,
                STEP_MS, MAX_JITTER_MS);
        feed.start();
        Eventually.within(Duration.ofSeconds(60), () -> assertFalse("no window result yet", outputs.of(SINK).isEmpty()));
        note("first window results published");

        killAndRestart(victim());

        // The restarted node takes part again before the feed ends.
        long roundAfterRestart = feed.nextSeq();
        long resumedFrom = feed.roundTime(roundAfterRestart);
        Eventually.within(Duration.ofSeconds(60), () -> assertTrue("no window after " + resumedFrom + " published",
                outputs.of(SINK).stream().anyMatch(o -> OneStreamWindowOracle.Result.parse(o.value()).windowStart()
                        >= resumedFrom)));
        long closingTime = feed.finish(CLOSE_BY, CLOSING_PARTITION);
        note(String.format("feed: %,d rounds of %d devices, %d unacknowledged sends; closing records on partition %d only",
                feed.nextSeq() - 1, feed.devices().size(), feed.failures(), CLOSING_PARTITION));
        assertEquals("the feed lost records: " + feed.firstFailure(), 0, feed.failures());

        List<String> violations = new ArrayList<>();
        Expectation expected = expectationOfTheInput();
        assertEquals("the input itself has late records", 0, expected.late());
        assertEquals(closingTime - MAX_OUT_OF_ORDERNESS_MS, expected.finalWatermark());
        // The last windows close only once the partitions without closing records count as idle.
        long closedAfter = System.currentTimeMillis();
        awaitPublished(expected, Duration.ofMillis(IDLE_TIMEOUT_MS).plusSeconds(90));
        note(String.format("all %d expected windows published %d ms after the feed ended (idleTimeout %d ms)",
                expected.results().size(), System.currentTimeMillis() - closedAfter, IDLE_TIMEOUT_MS));
        awaitOutputQuiet();
        List<String> differences = OneStreamWindowOracle.differences(expected.results(), sinkValues());
        differences.forEach(d -> violations.add("after the feed: " + d));
        outputs.of(SINK).stream().filter(o -> !OneStreamWindowOracle.Result.parse(o.value()).key().equals(o.key()))
                .findFirst().ifPresent(o -> violations.add("a result not keyed by its site: key " + o.key() + ", " + o.value()));
        note(String.format("%d results read, %d expected, %d differences", outputs.of(SINK).size(),
                expected.results().size(), differences.size()));
        // The watermark a stream reports is the one that closes its windows.
        JsonNode metrics = awaitMetrics("a watermark at or past the end of the last window published, "
                + lastEnd(expected), m -> m.path("watermark").isNumber()
                && m.path("watermark").asLong() >= lastEnd(expected), violations);
        note("metrics after the feed: late " + metrics.path("late") + ", watermark " + metrics.path("watermark")
                + " (final watermark of the input " + expected.finalWatermark() + ")");
        if (metrics.path("late").asLong() != 0) {
            violations.add("late records counted while none was late: " + metrics.path("late"));
        }
        if (metrics.path("watermark").asLong() > expected.finalWatermark()) {
            violations.add("the reported watermark " + metrics.path("watermark") + " is past what the input allows: "
                    + expected.finalWatermark());
        }

        // Records into windows closed long ago: dropped and counted, nothing published.
        feed.sendAt(origin + STEP_MS);
        Expectation withLate = expectationOfTheInput();
        assertEquals(feed.devices().size(), withLate.late());
        assertEquals(expected.results(), withLate.results());
        awaitCommitted();
        // Counted on top of whatever was counted before (nothing, unless a violation was found above).
        long lateBefore = metrics.path("late").asLong();
        long lateSent = withLate.late() - expected.late();
        JsonNode afterLate = awaitMetrics((lateBefore + lateSent) + " late records",
                m -> m.path("late").asLong() >= lateBefore + lateSent, violations);
        awaitOutputQuiet();
        note("metrics after the late records: late " + afterLate.path("late"));
        if (afterLate.path("late").asLong() != lateBefore + lateSent) {
            violations.add("late records counted: " + afterLate.path("late") + " after " + lateBefore + " and "
                    + lateSent + " sent late");
        }
        OneStreamWindowOracle.differences(withLate.results(), sinkValues())
                .forEach(d -> violations.add("after the late records: " + d));

        assertRepartitionTasks(status());
        HttpResponse<String> deleted = http.delete("/streams/" + STREAM + "?purgeState=true", "admin", password);
        assertEquals(deleted.body(), 204, deleted.statusCode());
        Eventually.within(Duration.ofSeconds(60), () -> {
            Set<String> left = admin.listTopics().names().get().stream().filter(t -> t.startsWith(INTERNAL_PREFIX))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals("internal topics after the purge", Set.of(), left);
        });
        assertTrue(admin.listTopics().names().get().containsAll(List.of(INPUT, SINK)));
        note("deleted with purgeState: no topic " + INTERNAL_PREFIX + "* left, source and sink kept");
        note(String.format("the test took %d s", (System.currentTimeMillis() - startedAt) / 1000));
        assertTrue(String.join("\n", violations), violations.isEmpty());
    }

    private static String definition() {
        String aggregates = "[{\"fn\":\"count\",\"as\":\"n\"},{\"fn\":\"sum\",\"field\":\"v\",\"as\":\"s\"},"
                + "{\"fn\":\"min\",\"field\":\"ts\",\"as\":\"firstTs\"},{\"fn\":\"max\",\"field\":\"ts\",\"as\":\"lastTs\"}]";
        return "{\"name\":\"" + STREAM + "\",\"engine\":\"kafka\",\"mode\":\"native\",\"guarantee\":\"exactly-once\","
                + "\"parallelism\":1,"
                + "\"source\":{\"topics\":[\"" + INPUT + "\"],\"startFrom\":\"earliest\",\"eventTime\":{\"field\":\"ts\"}},"
                + "\"watermark\":{\"maxOutOfOrderness\":\"" + MAX_OUT_OF_ORDERNESS_MS + "ms\",\"idleTimeout\":\""
                + IDLE_TIMEOUT_MS + "ms\"},"
                + "\"pipeline\":[{\"op\":\"filter\",\"where\":{\"field\":\"v\",\"lt\":" + KEEP_BELOW + "}},"
                + "{\"op\":\"keyBy\",\"field\":\"site\"},"
                + "{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"" + WINDOW_MS + "ms\",\"allowedLateness\":\"0ms\","
                + "\"emit\":\"on-close\",\"aggregate\":" + aggregates + "}],"
                + "\"sink\":{\"topic\":\"" + SINK + "\"}}";
    }

    /**
     * The node to kill: one that runs tasks of both stages, so that the crash interrupts a routing
     * and a windowing task at once; node 2 if the assignment gave neither node both within a while.
     */
    private int victim() throws Exception {
        int[] chosen = {-1};
        try {
            Eventually.within(Duration.ofSeconds(30), () -> {
                JsonNode status = status();
                for (int i = NODE_IDS.size() - 1; i >= 0; i--) {
                    Set<String> owned = partitionsRunningOn(status, NODE_IDS.get(i));
                    if (owned.stream().anyMatch(p -> p.startsWith(INPUT + "-"))
                            && owned.stream().anyMatch(p -> p.startsWith(REPARTITION + "-"))) {
                        chosen[0] = i;
                        return;
                    }
                }
                throw new AssertionError("no node runs tasks of both stages: " + status);
            });
        } catch (AssertionError e) {
            note(e.getMessage() + "; killing node 2");
            chosen[0] = 1;
        }
        return chosen[0];
    }

    /**
     * Kills a node, measures until the survivor runs every task, starts the node again and waits
     * until both nodes run tasks.
     */
    private void killAndRestart(int victim) throws Exception {
        String victimId = NODE_IDS.get(victim);
        String survivorId = NODE_IDS.get(1 - victim);
        Set<String> orphaned = partitionsRunningOn(status(), victimId);
        long seqAtKill = feed.nextSeq();
        nodes.get(victim).kill();
        long killedAt = System.currentTimeMillis();
        note("kill -9 of node " + victimId + " at round " + seqAtKill + "; it ran " + orphaned);
        Eventually.within(Duration.ofSeconds(90), () -> assertEquals("partitions running on node " + survivorId,
                allTaskIds(), partitionsRunningOn(status(), survivorId)));
        note(String.format("node %s runs every task %d ms after the kill", survivorId,
                System.currentTimeMillis() - killedAt));
        nodes.get(victim).start();
        note("node " + victimId + " started again, " + (System.currentTimeMillis() - killedAt) + " ms after the kill");
        awaitTasksOnBothNodes();
        note("both nodes run tasks again");
    }

    /** Waits until every task of both stages runs, on the two nodes together, each node running some. */
    private void awaitTasksOnBothNodes() throws Exception {
        Eventually.within(Duration.ofSeconds(180), () -> {
            JsonNode status = status();
            assertRepartitionTasks(status);
            Set<String> owners = new TreeSet<>();
            for (JsonNode task : status.path("tasks")) {
                if (task.path("state").asText().equals("RUNNING") && task.path("partitions").size() > 0) {
                    owners.add(task.path("node").asText());
                }
            }
            assertEquals("nodes running tasks: " + status, Set.copyOf(NODE_IDS), owners);
        });
    }

    /** The status lists a running task for every source partition and every repartition partition. */
    private void assertRepartitionTasks(JsonNode status) {
        Set<String> running = new TreeSet<>();
        for (String node : NODE_IDS) {
            running.addAll(partitionsRunningOn(status, node));
        }
        assertEquals("partitions of running tasks: " + status, allTaskIds(), running);
        Set<String> ids = taskIds(status);
        assertTrue("task ids " + ids + " lack the repartition's", ids.containsAll(allTaskIds().stream()
                .filter(id -> id.startsWith(REPARTITION)).toList()));
    }

    private static Set<String> allTaskIds() {
        Set<String> ids = new TreeSet<>();
        for (int p = 0; p < PARTITIONS; p++) {
            ids.add(INPUT + "-" + p);
            ids.add(REPARTITION + "-" + p);
        }
        return ids;
    }

    private static Set<String> taskIds(JsonNode status) {
        Set<String> ids = new TreeSet<>();
        status.path("tasks").forEach(task -> ids.add(task.path("task").asText()));
        return ids;
    }

    private static Set<String> partitionsRunningOn(JsonNode status, String nodeId) {
        Set<String> partitions = new TreeSet<>();
        for (JsonNode task : status.path("tasks")) {
            if (task.path("node").asText().equals(nodeId) && task.path("state").asText().equals("RUNNING")) {
                task.path("partitions").forEach(p -> partitions.add(p.asText()));
            }
        }
        return partitions;
    }

    private JsonNode status() throws Exception {
        HttpResponse<String> response = nodes.get(0).http().get("/streams/" + STREAM + "/status", "admin", password);
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body());
    }

    private interface MetricsCondition {
        boolean holds(JsonNode metrics);
    }

    /**
     * The stream's metrics once they meet the condition (nodes report every few seconds); if they do
     * not within 30 s, the last ones, with a violation saying what they never showed.
     */
    private JsonNode awaitMetrics(String what, MetricsCondition condition, List<String> violations) throws Exception {
        JsonNode[] last = new JsonNode[1];
        try {
            Eventually.within(Duration.ofSeconds(30), () -> {
                HttpResponse<String> response = nodes.get(0).http().get("/streams/" + STREAM + "/metrics", "admin",
                        password);
                assertEquals(response.body(), 200, response.statusCode());
                last[0] = JSON.readTree(response.body());
                assertTrue(what, condition.holds(last[0]));
            });
        } catch (AssertionError e) {
            violations.add("/metrics never showed " + what + " within 30 s: " + last[0]);
        }
        return last[0];
    }

    private static long lastEnd(Expectation expected) {
        return expected.results().values().stream().mapToLong(OneStreamWindowOracle.Result::windowEnd).max()
                .orElseThrow();
    }

    /**
     * Waits until every expected window has a result in the sink; if some never come, fails with how
     * the whole output differs from the expected one, and with the report so far.
     */
    private void awaitPublished(Expectation expected, Duration within) throws Exception {
        try {
            Eventually.within(within, () -> {
                Set<OneStreamWindowOracle.Window> published = sinkValues().stream()
                        .map(v -> OneStreamWindowOracle.Result.parse(v).window()).collect(Collectors.toSet());
                List<OneStreamWindowOracle.Window> missing = expected.results().keySet().stream()
                        .filter(w -> !published.contains(w)).toList();
                assertTrue(missing.size() + " windows not published yet, e.g. "
                        + missing.subList(0, Math.min(5, missing.size())), missing.isEmpty());
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + " after " + within.toSeconds() + " s; the output differs: "
                    + OneStreamWindowOracle.differences(expected.results(), sinkValues()) + "\nmetrics: "
                    + nodes.get(0).http().get("/streams/" + STREAM + "/metrics", "admin", password).body()
                    + "\n" + String.join("\n", report), e);
        }
    }

    /** Waits until the group has committed the whole source. */
    private void awaitCommitted() throws Exception {
        Map<TopicPartition, Long> ends = new HashMap<>();
        readInput().forEach((partition, records) -> ends.put(partition,
                records.isEmpty() ? 0 : records.get(records.size() - 1).offset() + 1));
        Eventually.within(Duration.ofSeconds(60), () -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("hyperiot-stream-" + STREAM)
                    .partitionsToOffsetAndMetadata().get();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata offset = committed.get(partition);
                assertEquals("committed " + partition, end, offset == null ? Long.valueOf(-1) : Long.valueOf(offset.offset()));
            });
        });
    }

    /** Waits until the sink has not grown for two seconds: what follows a commit is visible by then. */
    private void awaitOutputQuiet() throws Exception {
        int[] size = {-1};
        long[] grewAt = {System.currentTimeMillis()};
        Eventually.within(Duration.ofSeconds(60), () -> {
            int now = outputs.of(SINK).size();
            if (now != size[0]) {
                size[0] = now;
                grewAt[0] = System.currentTimeMillis();
            }
            assertTrue("output still growing", System.currentTimeMillis() - grewAt[0] >= 2_000);
        });
    }

    private List<String> sinkValues() {
        return outputs.of(SINK).stream().map(OutputLog.Output::value).toList();
    }

    /**
     * What the input actually written must give, as one stream in the order it was sent (round by
     * round, device by device), after checking that the feed's layout holds: each device's records in
     * one partition with increasing sequence numbers, every site on every partition.
     */
    private Expectation expectationOfTheInput() throws Exception {
        record Sent(long seq, String device, Input input) {
        }
        List<Sent> sent = new ArrayList<>();
        Map<String, Integer> partitionOfDevice = new HashMap<>();
        Map<String, Long> lastSeq = new HashMap<>();
        Map<Integer, Set<String>> sitesOnPartition = new TreeMap<>();
        for (Map.Entry<TopicPartition, List<ConsumerRecord<String, String>>> partition : readInput().entrySet()) {
            int p = partition.getKey().partition();
            for (ConsumerRecord<String, String> record : partition.getValue()) {
                JsonNode value = JSON.readTree(record.value());
                String device = record.key();
                long seq = value.path("seq").asLong();
                assertEquals("partition of " + device, partitionOfDevice.computeIfAbsent(device, d -> p), Integer.valueOf(p));
                Long previous = lastSeq.put(device, seq);
                assertTrue(device + " seq " + seq + " after " + previous, previous == null || seq > previous);
                String site = value.path("site").asText();
                sitesOnPartition.computeIfAbsent(p, x -> new TreeSet<>()).add(site);
                long v = value.path("v").asLong();
                sent.add(new Sent(seq, device, new Input(site, value.path("ts").asLong(), v, v < KEEP_BELOW)));
            }
        }
        for (int p = 0; p < PARTITIONS; p++) {
            assertEquals("sites on partition " + p, Set.copyOf(SiteTelemetryFeed.SITES), sitesOnPartition.get(p));
        }
        sent.sort(Comparator.comparingLong(Sent::seq).thenComparing(Sent::device));
        return OneStreamWindowOracle.run(sent.stream().map(Sent::input).toList(), WINDOW_MS, MAX_OUT_OF_ORDERNESS_MS);
    }

    private TopicDescription describe(String topic) throws Exception {
        return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
    }

    private static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    /** Every record of the source up to its current end. */
    private Map<TopicPartition, List<ConsumerRecord<String, String>>> readInput() {
        List<TopicPartition> partitions = partitions(INPUT);
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new TreeMap<>(
                Comparator.comparingInt(TopicPartition::partition));
        partitions.forEach(partition -> byPartition.put(partition, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue("could not read " + INPUT + " back", System.currentTimeMillis() < deadline);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.get(new TopicPartition(record.topic(), record.partition())).add(record);
                }
            }
        }
        return byPartition;
    }

    /** Adds a line to the report, with the seconds since the test began. */
    private void note(String line) {
        report.add(String.format("[%4d s] %s", (System.currentTimeMillis() - startedAt) / 1000, line));
    }
}
