package org.hyperiot.streaming.itests;

import static org.hyperiot.streaming.itests.KillMatrixChecks.AT_LEAST_ONCE;
import static org.hyperiot.streaming.itests.KillMatrixChecks.AT_MOST_ONCE;
import static org.hyperiot.streaming.itests.KillMatrixChecks.EXACTLY_ONCE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import org.junit.experimental.categories.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The stream runtime's kill matrix. Two nodes of the built distribution run as separate processes
 * against one broker, with streams for every guarantee: stateless in native and micro-batch mode,
 * event-time windows, a processing-time window, a stream with two source topics and parallelism 2, and
 * streams calling a processor from a user bundle. While sequence-numbered telemetry flows in, a round
 * of faults kills node 2 with SIGKILL, restarts the broker, kills node 1, kills node 2 (each node
 * restarted after its kill), stops and starts the processor bundle on both nodes, and freezes a node
 * with SIGSTOP until the other has taken over its partitions (a zombie), then lets it run on.
 *
 * <p>Then every output is read with {@code read_committed} and checked per device against the input
 * actually written ({@link KillMatrixChecks}): exactly-once has no gap and no duplicate, its event-time
 * window results equal those of the same definition run by the engine without a crash, its processing-
 * time window counts add up to the input, and its changelogs hold no state change twice; at-least-once
 * has no gap and every window; at-most-once has no duplicate and no window twice. After each kill and
 * freeze, the time until the survivor's output covers the victim's partitions is measured and held to
 * a bound; past it, the transaction coordinator's view and the nodes' logs are captured in the report.
 *
 * <p>{@code -Pkill-matrix-wide} adds micro-batch variants, a bundle bounce on one node and a freeze
 * past the transaction timeout to each round; {@code -Pkill-matrix-soak} runs more rounds at a higher rate.
 */
@Category(OneAtATime.class)
public class KillMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INPUT = "km-telemetry";
    /** The second source topic of the two-source streams; its devices are its own. */
    private static final String SECOND_INPUT = "km-telemetry-b";
    private static final int PARTITIONS = 4;
    private static final int DEVICES = 12;
    private static final int SECOND_DEVICES = 6;
    private static final int RECORDS_PER_SECOND = Integer.getInteger("hyperiot.itest.killmatrix.rate", 240);
    private static final List<String> NODE_IDS = List.of("1", "2");
    /**
     * Rounds of faults (each: kill node 2, restart the broker, kill node 1, kill node 2, bounce the
     * processor bundle, freeze a node). More rounds make the soak run ({@code -Pkill-matrix-soak}).
     */
    private static final int CYCLES = Integer.getInteger("hyperiot.itest.killmatrix.cycles", 1);
    /** Micro-batch variants of the new cases and more faults per round ({@code -Pkill-matrix-wide}). */
    private static final boolean WIDE = Boolean.getBoolean("hyperiot.itest.killmatrix.wide");

    /** The runtime's settings as the distribution ships them. */
    private static final Properties RUNTIME = runtimeDefaults();
    private static final Duration SESSION_TIMEOUT = millis("session.timeout.ms");
    private static final Duration TRANSACTION_TIMEOUT = millis("transaction.timeout.ms");
    /** The survivor processes the dead node's partitions within this (measured on at-least-once). */
    private static final Duration FAILOVER_GOAL = Duration.ofSeconds(15);
    /**
     * Exactly-once readers see the survivor's output for the dead node's partitions within this: the
     * group moves them after the session timeout, the broker aborts the dead node's open transaction
     * after the transaction timeout. ({@code -Dhyperiot.itest.killmatrix.eosBoundMs} lowers it, to
     * capture the diagnostics of every failover.)
     */
    private static final Duration EXACTLY_ONCE_BOUND = Duration.ofMillis(Long.getLong(
            "hyperiot.itest.killmatrix.eosBoundMs", TRANSACTION_TIMEOUT.plus(SESSION_TIMEOUT).plusSeconds(5).toMillis()));
    /** How long a failover is waited for at most; a slower one counts as "more than" this. */
    private static final Duration FAILOVER_LIMIT = Duration.ofSeconds(90);
    private static final String PROCESSOR_BUNDLE_JAR = System.getProperty("hyperiot.itest.example.bundle");

    private static final String NATIVE = "native";
    private static final String BATCH = "micro-batch";

    /** What a stream of the matrix computes, which decides how its output is checked. */
    private enum Kind {
        /** A projection: one output per input record. */
        STATELESS,
        /** {@code celsius-to-kelvin} from the example bundle, then a projection: one output per input record. */
        PROCESSOR,
        /** Tumbling event-time windows per device, reproducible by a crash-free run. */
        EVENT_TIME_WINDOW,
        /** Tumbling processing-time windows per device: only their counts are reproducible. */
        PROCESSING_TIME_WINDOW
    }

    /** One stream of the matrix. */
    private record Case(String name, String guarantee, String mode, Kind kind, List<String> sources, int parallelism) {

        Case(String name, String guarantee, String mode, Kind kind) {
            this(name, guarantee, mode, kind, List.of(INPUT), 1);
        }

        String sink() {
            return name + "-out";
        }

        String group() {
            return "hyperiot-stream-" + name;
        }

        String changelog() {
            return "hyperiot-stream-" + name + "-changelog";
        }

        boolean perRecord() {
            return kind == Kind.STATELESS || kind == Kind.PROCESSOR;
        }

        String definition() {
            String batch = mode.equals(BATCH) ? "\"batch\":{\"interval\":\"200ms\",\"maxRecords\":500}," : "";
            String topics = sources.stream().map(topic -> "\"" + topic + "\"").collect(Collectors.joining(","));
            String source = "{\"topics\":[" + topics + "],\"startFrom\":\"earliest\"";
            // The feed is keyed by device, so the windows need no repartition: the matrix checks each
            // source partition's windows against a crash-free run of that partition (RepartitionIT
            // kills a node under a stream that does repartition).
            String window = "{\"op\":\"keyBy\",\"field\":\"deviceId\",\"sourcePartitioned\":true},"
                    + "{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"1s\",\"aggregate\":[";
            String counts = "{\"fn\":\"count\",\"as\":\"n\"},{\"fn\":\"min\",\"field\":\"seq\",\"as\":\"firstSeq\"},"
                    + "{\"fn\":\"max\",\"field\":\"seq\",\"as\":\"lastSeq\"}]}";
            String pipeline = switch (kind) {
                case STATELESS -> {
                    source += "}";
                    yield "[{\"op\":\"project\",\"fields\":[\"deviceId\",\"seq\"]}]";
                }
                case PROCESSOR -> {
                    source += "}";
                    yield "[{\"op\":\"processor\",\"name\":\"celsius-to-kelvin\",\"config\":{\"field\":\"temp\","
                            + "\"target\":\"tempK\"}},{\"op\":\"project\",\"fields\":[\"deviceId\",\"seq\",\"tempK\"]}]";
                }
                case EVENT_TIME_WINDOW -> {
                    source += ",\"eventTime\":{\"field\":\"ts\"}},\"watermark\":{\"maxOutOfOrderness\":\"1s\"}";
                    yield "[" + window + "{\"fn\":\"avg\",\"field\":\"temp\",\"as\":\"avgTemp\"}," + counts + "]";
                }
                case PROCESSING_TIME_WINDOW -> {
                    source += ",\"eventTime\":\"processing\"}";
                    yield "[" + window + counts + "]";
                }
            };
            return "{\"name\":\"" + name + "\",\"mode\":\"" + mode + "\",\"guarantee\":\"" + guarantee + "\","
                    + "\"parallelism\":" + parallelism + "," + batch + "\"source\":" + source + ",\"pipeline\":"
                    + pipeline + ",\"sink\":{\"topic\":\"" + sink() + "\"}}";
        }
    }

    private static final List<Case> CASES = cases();

    private static List<Case> cases() {
        List<String> both = List.of(INPUT, SECOND_INPUT);
        List<Case> cases = new ArrayList<>(List.of(
                new Case("km-amo-native", AT_MOST_ONCE, NATIVE, Kind.STATELESS),
                new Case("km-amo-batch", AT_MOST_ONCE, BATCH, Kind.STATELESS),
                new Case("km-alo-native", AT_LEAST_ONCE, NATIVE, Kind.STATELESS),
                new Case("km-alo-batch", AT_LEAST_ONCE, BATCH, Kind.STATELESS),
                new Case("km-eos-native", EXACTLY_ONCE, NATIVE, Kind.STATELESS),
                new Case("km-eos-batch", EXACTLY_ONCE, BATCH, Kind.STATELESS),
                new Case("km-window-eos-native", EXACTLY_ONCE, NATIVE, Kind.EVENT_TIME_WINDOW),
                new Case("km-window-eos-batch", EXACTLY_ONCE, BATCH, Kind.EVENT_TIME_WINDOW),
                new Case("km-window-alo-native", AT_LEAST_ONCE, NATIVE, Kind.EVENT_TIME_WINDOW),
                new Case("km-window-amo-native", AT_MOST_ONCE, NATIVE, Kind.EVENT_TIME_WINDOW),
                new Case("km-ptime-eos-native", EXACTLY_ONCE, NATIVE, Kind.PROCESSING_TIME_WINDOW),
                new Case("km-twosrc-eos-native", EXACTLY_ONCE, NATIVE, Kind.EVENT_TIME_WINDOW, both, 2),
                new Case("km-proc-amo-native", AT_MOST_ONCE, NATIVE, Kind.PROCESSOR),
                new Case("km-proc-alo-native", AT_LEAST_ONCE, NATIVE, Kind.PROCESSOR),
                new Case("km-proc-eos-native", EXACTLY_ONCE, NATIVE, Kind.PROCESSOR)));
        if (WIDE) {
            cases.addAll(List.of(
                    new Case("km-window-alo-batch", AT_LEAST_ONCE, BATCH, Kind.EVENT_TIME_WINDOW),
                    new Case("km-window-amo-batch", AT_MOST_ONCE, BATCH, Kind.EVENT_TIME_WINDOW),
                    new Case("km-ptime-eos-batch", EXACTLY_ONCE, BATCH, Kind.PROCESSING_TIME_WINDOW),
                    new Case("km-twosrc-alo-batch", AT_LEAST_ONCE, BATCH, Kind.STATELESS, both, 2),
                    new Case("km-proc-amo-batch", AT_MOST_ONCE, BATCH, Kind.PROCESSOR),
                    new Case("km-proc-alo-batch", AT_LEAST_ONCE, BATCH, Kind.PROCESSOR),
                    new Case("km-proc-eos-batch", EXACTLY_ONCE, BATCH, Kind.PROCESSOR)));
        }
        return cases;
    }

    /**
     * Streams whose failover time is measured after each kill and freeze, with the bound each is held
     * to: at-least-once shows when the survivor processes the orphaned partitions; exactly-once when
     * read_committed readers see it, which also waits for the broker to abort the victim's open
     * transaction. The first one also tells when a frozen node's group has moved on.
     */
    private static final Map<String, Duration> FAILOVER_MEASURED = measured();

    private static Map<String, Duration> measured() {
        Map<String, Duration> measured = new LinkedHashMap<>();
        measured.put("km-alo-native", FAILOVER_GOAL);
        measured.put("km-eos-native", EXACTLY_ONCE_BOUND);
        measured.put("km-eos-batch", EXACTLY_ONCE_BOUND);
        measured.put("km-proc-eos-native", EXACTLY_ONCE_BOUND);
        return measured;
    }

    private static final String TAKEOVER_WITNESS = "km-alo-native";

    private final String password = "pw-" + UUID.randomUUID();
    private final List<String> report = new ArrayList<>();
    private final long startedAt = System.currentTimeMillis();
    private BrokerWithNodes cluster;
    private BrokerProcess broker;
    private Admin admin;
    private List<DistributionNode> nodes = List.of();
    private final Map<DistributionNode, String> processorBundleIds = new ConcurrentHashMap<>();
    private TelemetryFeed feed;
    private TelemetryFeed secondFeed;
    private OutputLog outputs;

    @Before
    public void startBrokerAndNodes() throws Exception {
        cluster = BrokerWithNodes.startBroker("km");
        broker = cluster.broker();
        admin = cluster.admin();
        nodes = cluster.nodes();
        // Window results carry their event time (in 2023) as timestamp: without this the broker's
        // time retention could delete them during the run.
        Map<String, String> keepForever = Map.of("retention.ms", "-1");
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(INPUT, PARTITIONS, (short) 1).configs(keepForever));
        topics.add(new NewTopic(SECOND_INPUT, PARTITIONS, (short) 1).configs(keepForever));
        CASES.forEach(c -> topics.add(new NewTopic(c.sink(), PARTITIONS, (short) 1).configs(keepForever)));
        admin.createTopics(topics).all().get();

        cluster.startNodes(password, NODE_IDS);
        note("broker and both nodes started");
    }

    @After
    public void stopEverything() throws Exception {
        if (feed != null) {
            feed.close();
        }
        if (secondFeed != null) {
            secondFeed.close();
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
    public void everyGuaranteeHoldsThroughKillsBrokerRestartsBundleBouncesAndZombies() throws Exception {
        long began = System.currentTimeMillis();
        cluster.onEveryNode(this::installProcessorBundle);
        Http http = nodes.get(0).http();
        for (Case c : CASES) {
            HttpResponse<String> created = http.post("/streams", c.definition(), "admin", password);
            assertEquals(c.name() + ": " + created.body(), 201, created.statusCode());
            HttpResponse<String> started = http.post("/streams/" + c.name() + "/start", "", "admin", password);
            assertEquals(started.body(), 202, started.statusCode());
        }
        awaitTasksOnBothNodes(nodes.get(0));
        note(CASES.size() + " streams run on both nodes");
        List<TopicPartition> sinks = new ArrayList<>();
        CASES.forEach(c -> sinks.addAll(partitions(c.sink())));
        outputs = new OutputLog(broker.bootstrapServers(), sinks);
        feed = new TelemetryFeed(broker.bootstrapServers(), INPUT, DEVICES, RECORDS_PER_SECOND);
        // As many rounds per second as the first feed, so that event time runs alike on both topics.
        secondFeed = new TelemetryFeed(broker.bootstrapServers(), SECOND_INPUT, "b", SECOND_DEVICES,
                RECORDS_PER_SECOND * SECOND_DEVICES / DEVICES);
        long fedFrom = System.currentTimeMillis();
        feed.start();
        secondFeed.start();
        awaitOutputFor(feed.nextSeq());

        Map<String, List<Long>> failovers = new LinkedHashMap<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            killRestartAndMeasure(1, failovers);
            restartBroker();
            killRestartAndMeasure(0, failovers);
            killRestartAndMeasure(1, failovers);
            bounceProcessorBundle(nodes);
            if (WIDE) {
                bounceProcessorBundle(List.of(nodes.get(cycle % 2)));
            }
            // Woken as soon as the group has moved on: its transactions may still be open then.
            freezeAndThaw(1 - cycle % 2, SESSION_TIMEOUT, failovers);
            if (WIDE) {
                // Woken after the broker aborted its transactions: its producers are fenced by then.
                freezeAndThaw(cycle % 2, TRANSACTION_TIMEOUT.plus(SESSION_TIMEOUT), failovers);
            }
        }
        // The last restarted node takes part again before the feed ends.
        awaitOutputFor(feed.nextSeq());
        feed.finish(Duration.ofSeconds(5));
        secondFeed.finish(Duration.ofSeconds(5));
        for (TelemetryFeed f : List.of(feed, secondFeed)) {
            note(String.format("feed: %,d rounds of %d devices over %d s, %d unacknowledged sends", f.nextSeq(),
                    f.devices().size(), (System.currentTimeMillis() - fedFrom) / 1000, f.failures()));
            assertEquals("the feed lost records: " + f.firstFailure(), 0, f.failures());
        }

        Map<TopicPartition, List<ConsumerRecord<String, String>>> input = readInput();
        Map<String, Map<String, Integer>> perDeviceByTopic = checkInputIsEverySequenceOnce(input);
        Map<Case, List<String>> expectedWindows = new HashMap<>();
        for (Case c : CASES) {
            if (c.kind() == Kind.EVENT_TIME_WINDOW) {
                expectedWindows.put(c, crashFreeRun(c, input));
            }
        }
        awaitDrained(input, perDeviceByTopic, expectedWindows);
        note("every stream has committed the whole input");

        List<String> violations = new ArrayList<>();
        for (Case c : CASES) {
            Map<String, Integer> perDevice = perDevice(c, perDeviceByTopic);
            List<OutputLog.Output> read = outputs.of(c.sink());
            List<String> values = read.stream().map(OutputLog.Output::value).toList();
            List<KillMatrixChecks.Verdict> verdicts = new ArrayList<>();
            switch (c.kind()) {
                case STATELESS -> verdicts.add(KillMatrixChecks.sequences(c.name(), c.guarantee(), perDevice, read));
                case PROCESSOR -> {
                    verdicts.add(KillMatrixChecks.sequences(c.name(), c.guarantee(), perDevice, read));
                    verdicts.add(KillMatrixChecks.converted(c.name(), read));
                }
                case EVENT_TIME_WINDOW -> verdicts.add(KillMatrixChecks.windows(c.name(), c.guarantee(),
                        expectedWindows.get(c), values));
                case PROCESSING_TIME_WINDOW -> verdicts.add(KillMatrixChecks.processingTimeSums(c.name(), c.guarantee(),
                        perDevice, values));
            }
            if (c.guarantee().equals(EXACTLY_ONCE) && !c.perRecord()) {
                verdicts.add(KillMatrixChecks.changelogRepeats(c.changelog(), readChangelog(c)));
            }
            for (KillMatrixChecks.Verdict verdict : verdicts) {
                note(String.format("%s (%s, %s): %s", c.name(), c.guarantee(), c.mode(), verdict.summary()));
                violations.addAll(verdict.violations());
            }
        }
        failovers.forEach((stream, times) -> times.stream()
                .filter(took -> took > FAILOVER_MEASURED.get(stream).toMillis())
                .forEach(took -> violations.add(stream + ": a failover took "
                        + (took == Long.MAX_VALUE ? "more than " + FAILOVER_LIMIT.toMillis() : took) + " ms, bound "
                        + FAILOVER_MEASURED.get(stream).toMillis() + " ms (diagnostics above)")));
        note(String.format("the matrix took %d s (%d streams, %d rounds of faults%s)",
                (System.currentTimeMillis() - began) / 1000, CASES.size(), CYCLES, WIDE ? ", wide" : ""));
        assertTrue(String.join("\n", violations), violations.isEmpty());
    }

    /** Adds a line to the report, with the seconds since the test began. */
    private void note(String line) {
        report.add(String.format("[%4d s] %s", (System.currentTimeMillis() - startedAt) / 1000, line));
    }

    /**
     * Kills a node, measures how long until the survivor's output covers every device of the dead
     * node's partitions with records sent after the kill, restarts the node and waits until both
     * nodes own partitions again. Adds the failover time of each measured stream, in ms, to {@code failovers}.
     */
    private void killRestartAndMeasure(int victim, Map<String, List<Long>> failovers) throws Exception {
        DistributionNode survivor = nodes.get(1 - victim);
        String victimId = NODE_IDS.get(victim);
        Map<String, Set<Integer>> orphaned = awaitPartitionsOf(survivor, victimId);
        nodes.get(victim).kill();
        long killedAt = System.currentTimeMillis();
        // Read after the process is gone: records from this sequence on were never seen by the victim.
        long firstSeqAfterKill = feed.nextSeq();
        String fault = "kill -9 of node " + victimId;
        for (String stream : FAILOVER_MEASURED.keySet()) {
            measureFailover(fault, stream, orphaned.get(stream), firstSeqAfterKill, killedAt, failovers);
        }
        nodes.get(victim).start();
        awaitTasksOnBothNodes(survivor);
    }

    /**
     * A zombie: freezes a node's Karaf with SIGSTOP until the other node's output covers the frozen
     * node's partitions (its group has moved on, so it was silent for longer than the session timeout)
     * and for at least {@code frozenAtLeast}, then lets it run on. Whatever it still holds (an open
     * transaction, outputs held for a commit, offsets to commit) must be refused, not added to the output.
     */
    private void freezeAndThaw(int victim, Duration frozenAtLeast, Map<String, List<Long>> failovers) throws Exception {
        DistributionNode survivor = nodes.get(1 - victim);
        String victimId = NODE_IDS.get(victim);
        Map<String, Set<Integer>> orphaned = awaitPartitionsOf(survivor, victimId);
        ProcessHandle karaf = nodes.get(victim).karafProcess()
                .orElseThrow(() -> new IllegalStateException("node " + victimId + " does not run"));
        signal(karaf, "STOP");
        long frozenAt = System.currentTimeMillis();
        long firstSeqAfterFreeze = feed.nextSeq();
        String fault = "SIGSTOP of node " + victimId;
        long thawedAfter;
        try {
            measureFailover(fault, TAKEOVER_WITNESS, orphaned.get(TAKEOVER_WITNESS), firstSeqAfterFreeze, frozenAt,
                    failovers);
            long remaining = frozenAt + frozenAtLeast.toMillis() - System.currentTimeMillis();
            if (remaining > 0) {
                // The length of the freeze is the fault itself, not a wait for something.
                Thread.sleep(remaining);
            }
        } finally {
            signal(karaf, "CONT");
            thawedAfter = System.currentTimeMillis() - frozenAt;
        }
        note(String.format("SIGCONT of node %s after %d ms", victimId, thawedAfter));
        for (String stream : FAILOVER_MEASURED.keySet()) {
            if (!stream.equals(TAKEOVER_WITNESS)) {
                measureFailover(fault, stream, orphaned.get(stream), firstSeqAfterFreeze, frozenAt, failovers);
            }
        }
        awaitTasksOnBothNodes(survivor);
    }

    /** Waits until node {@code nodeId} owns partitions of every measured stream, and returns them. */
    private Map<String, Set<Integer>> awaitPartitionsOf(DistributionNode asking, String nodeId) throws Exception {
        Map<String, Set<Integer>> owned = new HashMap<>();
        // After a broker restart a node may briefly own nothing (its workers wait to retry): a fault
        // then would orphan no partition and measure nothing.
        Eventually.within(Duration.ofSeconds(120), () -> {
            for (String stream : FAILOVER_MEASURED.keySet()) {
                owned.put(stream, partitionsOf(asking, stream, nodeId));
                assertFalse(stream + " has no partition on node " + nodeId, owned.get(stream).isEmpty());
            }
        });
        return owned;
    }

    private void measureFailover(String fault, String stream, Set<Integer> orphaned, long firstSeq, long since,
            Map<String, List<Long>> failovers) throws Exception {
        Set<String> devices = feed.devicesOn(orphaned);
        long took = failoverTime(fault, stream, devices, firstSeq, since);
        note(String.format("%s: %s resumed partitions %s (devices %s) after %s", fault, stream, orphaned, devices,
                took == Long.MAX_VALUE ? "more than " + FAILOVER_LIMIT.toSeconds() + " s" : took + " ms"));
        failovers.computeIfAbsent(stream, s -> new ArrayList<>()).add(took);
    }

    /**
     * How long after {@code since} the stream's sink had, for every one of {@code devices}, a record
     * from {@code firstSeq} on; {@link Long#MAX_VALUE} if not within {@link #FAILOVER_LIMIT}. The time is
     * when the reader got the record, so how often this looks does not change it. Once the stream's
     * bound has passed without it, and again at the limit, captures what Kafka and the nodes say.
     */
    private long failoverTime(String fault, String stream, Set<String> devices, long firstSeq, long since)
            throws Exception {
        assertFalse(stream + ": no device to measure", devices.isEmpty());
        String sink = stream + "-out";
        Duration bound = FAILOVER_MEASURED.get(stream);
        if (!coveredBy(sink, devices, firstSeq, since + bound.toMillis())) {
            note(diagnostics(fault + ": " + stream + " not resumed after its bound of " + bound.toMillis() + " ms",
                    stream));
            if (!coveredBy(sink, devices, firstSeq, since + FAILOVER_LIMIT.toMillis())) {
                note(diagnostics(fault + ": " + stream + " not resumed after " + FAILOVER_LIMIT.toSeconds() + " s",
                        stream));
                return Long.MAX_VALUE;
            }
        }
        Map<String, Long> firstRead = firstReadFrom(sink, firstSeq);
        return devices.stream().mapToLong(firstRead::get).max().getAsLong() - since;
    }

    /** Whether by {@code deadline} the sink has a record from {@code firstSeq} on for each of {@code devices}. */
    private boolean coveredBy(String sink, Set<String> devices, long firstSeq, long deadline) throws Exception {
        while (true) {
            if (firstReadFrom(sink, firstSeq).keySet().containsAll(devices)) {
                return true;
            }
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            // Poll interval of a deadline-bounded wait; the reader thread notes when each record came.
            Thread.sleep(250);
        }
    }

    private String diagnostics(String title, String stream) {
        Case measured = CASES.stream().filter(c -> c.name().equals(stream)).findFirst().orElseThrow();
        List<TopicPartition> exactlyOnceSinks = new ArrayList<>(partitions(measured.sink()));
        List<TopicPartition> changelogs = new ArrayList<>();
        for (Case c : CASES) {
            if (c.guarantee().equals(EXACTLY_ONCE) && c != measured) {
                exactlyOnceSinks.addAll(partitions(c.sink()));
            }
            if (c.guarantee().equals(EXACTLY_ONCE) && !c.perRecord()) {
                changelogs.addAll(partitions(c.changelog()));
            }
        }
        List<TopicPartition> inputs = new ArrayList<>();
        measured.sources().forEach(topic -> inputs.addAll(partitions(topic)));
        Map<String, Path> logs = new LinkedHashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            logs.put(NODE_IDS.get(i), nodes.get(i).home().resolve("logs/karaf.log"));
        }
        return FailoverDiagnostics.capture(admin, title,
                new FailoverDiagnostics.Subject(measured.group(), inputs, exactlyOnceSinks, changelogs), logs,
                KarafOptions.WORK);
    }

    /** Per device, when the reader got the sink's first record with a sequence number from {@code firstSeq} on. */
    private Map<String, Long> firstReadFrom(String sink, long firstSeq) {
        Map<String, Long> firstRead = new HashMap<>();
        for (OutputLog.Output output : outputs.of(sink)) {
            if (KillMatrixChecks.longField(output.value(), "seq") >= firstSeq) {
                firstRead.putIfAbsent(output.key(), output.readAtMillis());
            }
        }
        return firstRead;
    }

    /**
     * Waits until every per-record stream has written a record of every device of the first feed from
     * {@code firstSeq} on, and every windowed stream some result: all streams run and keep up with the feed.
     */
    private void awaitOutputFor(long firstSeq) throws Exception {
        Set<String> devices = Set.copyOf(feed.devices());
        Eventually.within(Duration.ofSeconds(120), () -> {
            for (Case c : CASES) {
                if (c.perRecord()) {
                    Set<String> seen = new TreeSet<>(firstReadFrom(c.sink(), firstSeq).keySet());
                    seen.retainAll(devices);
                    assertEquals(c.name() + " devices with output from seq " + firstSeq, devices, seen);
                } else {
                    assertFalse(c.name() + " has no window result yet", outputs.of(c.sink()).isEmpty());
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
        note("broker restarted: down for " + (System.currentTimeMillis() - stoppedAt) + " ms");
        awaitTasksOnBothNodes(nodes.get(0));
    }

    /**
     * Installs the example processor bundle the way its README tells a user to: {@code bundle:install -s}
     * in the node's shell. The distribution does not ship it.
     */
    private Object installProcessorBundle(DistributionNode node) throws Exception {
        String output = node.shell("bundle:install -s " + Path.of(PROCESSOR_BUNDLE_JAR).toUri());
        Matcher id = Pattern.compile("Bundle ID: (\\d+)").matcher(output);
        assertTrue("bundle:install printed no bundle id: " + output, id.find());
        processorBundleIds.put(node, id.group(1));
        Eventually.within(Duration.ofSeconds(30), () -> {
            String processors = node.http().get("/processors", "admin", password).body();
            assertTrue(processors, processors.contains("celsius-to-kelvin"));
        });
        return null;
    }

    /**
     * Stops the processor bundle on {@code on} while the feed runs and starts it again once the streams
     * using it wait there: on every node, they are WAITING; on some, the other nodes take their partitions.
     */
    private void bounceProcessorBundle(List<DistributionNode> on) throws Exception {
        Set<String> stoppedOn = new TreeSet<>();
        on.forEach(node -> stoppedOn.add(NODE_IDS.get(nodes.indexOf(node))));
        long stoppedAt = System.currentTimeMillis();
        BrokerWithNodes.onNodes(on, node -> node.shell("bundle:stop " + processorBundleIds.get(node)));
        long stopReturnedAfter = System.currentTimeMillis() - stoppedAt;
        Eventually.within(Duration.ofSeconds(60), () -> {
            for (Case c : CASES) {
                if (c.kind() != Kind.PROCESSOR) {
                    continue;
                }
                JsonNode status = status(nodes.get(0), c.name());
                Set<String> runningElsewhere = new HashSet<>();
                for (JsonNode task : status.path("tasks")) {
                    String node = task.path("node").asText();
                    String state = task.path("state").asText();
                    if (stoppedOn.contains(node)) {
                        assertEquals(c.name() + " on node " + node + ": " + status, "WAITING", state);
                    } else if (state.equals("RUNNING")) {
                        task.path("partitions").forEach(p -> runningElsewhere.add(p.asText()));
                    }
                }
                if (stoppedOn.size() == NODE_IDS.size()) {
                    assertEquals(c.name() + ": " + status, "WAITING", status.path("state").asText());
                } else {
                    assertEquals(c.name() + " partitions taken over: " + status, PARTITIONS, runningElsewhere.size());
                }
            }
        });
        long waitingAfter = System.currentTimeMillis() - stoppedAt;
        BrokerWithNodes.onNodes(on, node -> node.shell("bundle:start " + processorBundleIds.get(node)));
        awaitTasksOnBothNodes(nodes.get(0));
        note(String.format("processor bundle stopped on node(s) %s: bundle:stop returned after %d ms, streams "
                + "waiting after %d ms; started again, running on both nodes %d ms after the stop", stoppedOn,
                stopReturnedAfter, waitingAfter, System.currentTimeMillis() - stoppedAt));
    }

    /** Waits until every stream runs on both nodes and its tasks cover every source partition. */
    private void awaitTasksOnBothNodes(DistributionNode asking) throws Exception {
        Eventually.within(Duration.ofSeconds(180), () -> {
            for (Case c : CASES) {
                JsonNode status = status(asking, c.name());
                Set<String> owners = new HashSet<>();
                Set<String> partitions = new HashSet<>();
                for (JsonNode task : status.path("tasks")) {
                    if (task.path("state").asText().equals("RUNNING")) {
                        owners.add(task.path("node").asText());
                        task.path("partitions").forEach(p -> partitions.add(p.asText()));
                    }
                }
                assertEquals(c.name() + ": " + status, Set.copyOf(NODE_IDS), owners);
                assertEquals(c.name() + ": " + status, PARTITIONS * c.sources().size(), partitions.size());
            }
        });
    }

    private JsonNode status(DistributionNode asking, String stream) throws Exception {
        return JSON.readTree(asking.http().get("/streams/" + stream + "/status", "admin", password).body());
    }

    private Set<Integer> partitionsOf(DistributionNode asking, String stream, String nodeId) throws Exception {
        Set<Integer> partitions = new TreeSet<>();
        for (JsonNode task : status(asking, stream).path("tasks")) {
            if (task.path("node").asText().equals(nodeId)) {
                task.path("partitions").forEach(p -> partitions.add(partitionNumber(p.asText())));
            }
        }
        return partitions;
    }

    private static int partitionNumber(String topicPartition) {
        return Integer.parseInt(topicPartition.substring(topicPartition.lastIndexOf('-') + 1));
    }

    private static List<TopicPartition> partitions(String topic) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new TopicPartition(topic, p));
        }
        return partitions;
    }

    private static void signal(ProcessHandle process, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertEquals("kill -" + signal + " " + process.pid(), 0, kill.waitFor());
    }

    private Map<TopicPartition, List<ConsumerRecord<String, String>>> readInput() {
        List<TopicPartition> partitions = new ArrayList<>(partitions(INPUT));
        partitions.addAll(partitions(SECOND_INPUT));
        return readAll(partitions, new StringDeserializer());
    }

    private List<KillMatrixChecks.ChangelogRecord> readChangelog(Case c) throws Exception {
        int count = admin.describeTopics(List.of(c.changelog())).allTopicNames().get().get(c.changelog())
                .partitions().size();
        List<TopicPartition> partitions = new ArrayList<>();
        for (int p = 0; p < count; p++) {
            partitions.add(new TopicPartition(c.changelog(), p));
        }
        List<KillMatrixChecks.ChangelogRecord> records = new ArrayList<>();
        readAll(partitions, new ByteArrayDeserializer()).values().forEach(partition -> partition.forEach(
                record -> records.add(new KillMatrixChecks.ChangelogRecord(record.key(), record.value()))));
        return records;
    }

    /** Every record of the partitions up to their current end, as read_committed readers see them. */
    private <V> Map<TopicPartition, List<ConsumerRecord<String, V>>> readAll(List<TopicPartition> partitions,
            org.apache.kafka.common.serialization.Deserializer<V> values) {
        Map<TopicPartition, List<ConsumerRecord<String, V>>> byPartition = new LinkedHashMap<>();
        partitions.forEach(partition -> byPartition.put(partition, new ArrayList<>()));
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), values)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 60_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertTrue("could not read " + partitions + " back", System.currentTimeMillis() < deadline);
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                    byPartition.get(new TopicPartition(record.topic(), record.partition())).add(record);
                }
            }
        }
        return byPartition;
    }

    /**
     * The feeds' sanity: each device's records carry 0, 1, 2, … in order. Returns the records per
     * device, by topic.
     */
    private Map<String, Map<String, Integer>> checkInputIsEverySequenceOnce(
            Map<TopicPartition, List<ConsumerRecord<String, String>>> input) {
        Map<String, Map<String, Integer>> byTopic = new TreeMap<>();
        input.forEach((partition, records) -> {
            Map<String, Integer> count = byTopic.computeIfAbsent(partition.topic(), t -> new TreeMap<>());
            for (ConsumerRecord<String, String> record : records) {
                int next = count.getOrDefault(record.key(), 0);
                assertEquals("input of " + record.key() + " at " + partition + " offset " + record.offset(), next,
                        KillMatrixChecks.longField(record.value(), "seq"));
                count.put(record.key(), next + 1);
            }
        });
        assertEquals(DEVICES, byTopic.get(INPUT).size());
        assertEquals(SECOND_DEVICES, byTopic.get(SECOND_INPUT).size());
        byTopic.forEach((topic, count) -> note(String.format("input %s: %,d records, %,d per device", topic,
                count.values().stream().mapToInt(Integer::intValue).sum(), count.values().iterator().next())));
        return byTopic;
    }

    private static Map<String, Integer> perDevice(Case c, Map<String, Map<String, Integer>> perDeviceByTopic) {
        Map<String, Integer> perDevice = new TreeMap<>();
        c.sources().forEach(topic -> perDevice.putAll(perDeviceByTopic.get(topic)));
        return perDevice;
    }

    /** The window results of the same definition run by the engine over the same input, without a crash. */
    private List<String> crashFreeRun(Case c, Map<TopicPartition, List<ConsumerRecord<String, String>>> input) {
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
            if (!c.sources().contains(partition.topic())) {
                return;
            }
            // One task per source partition, as the runtime runs it.
            SourcePartition source = new SourcePartition(partition.topic(), partition.partition());
            StreamTask task = StreamTask.builder(definition).output(output).partitions(List.of(source)).build();
            task.open();
            for (ConsumerRecord<String, String> record : records) {
                task.process(SourceRecord.ofPayload(source, record.offset(), record.key(),
                        record.value().getBytes(StandardCharsets.UTF_8), record.timestamp(), Map.of()));
            }
            long late = task.metrics().lateRecords() + task.metrics().lateDropped();
            if (late > 0) {
                problems.add(late + " late records in " + partition);
            }
            task.close();
        });
        assertTrue("the crash-free run itself: " + problems, problems.isEmpty());
        Collections.sort(results);
        return results;
    }

    /**
     * Waits until every stream's group has committed the whole input and the outputs that follow a
     * commit are visible: exactly-once and at-least-once outputs complete, the others no longer growing.
     */
    private void awaitDrained(Map<TopicPartition, List<ConsumerRecord<String, String>>> input,
            Map<String, Map<String, Integer>> perDeviceByTopic, Map<Case, List<String>> expectedWindows) throws Exception {
        Map<TopicPartition, Long> end = new HashMap<>();
        input.forEach((partition, records) -> end.put(partition,
                records.isEmpty() ? 0 : records.get(records.size() - 1).offset() + 1));
        Eventually.within(Duration.ofSeconds(240), () -> {
            for (Case c : CASES) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(c.group()).partitionsToOffsetAndMetadata().get();
                for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                    if (!c.sources().contains(partition.getKey().topic())) {
                        continue;
                    }
                    OffsetAndMetadata offset = committed.get(partition.getKey());
                    if (offset == null && partition.getValue() == 0) {
                        // Nothing to commit: no device's records went to this partition.
                        continue;
                    }
                    assertEquals(c.name() + " committed " + partition.getKey(), partition.getValue(),
                            offset == null ? Long.valueOf(-1) : Long.valueOf(offset.offset()));
                }
                assertOutputComplete(c, perDevice(c, perDeviceByTopic), expectedWindows.get(c));
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

    /** What must be visible once the input is committed; at-most-once may have lost any of it. */
    private void assertOutputComplete(Case c, Map<String, Integer> perDevice, List<String> expectedWindows) {
        if (c.guarantee().equals(AT_MOST_ONCE)) {
            return;
        }
        List<String> values = outputs.of(c.sink()).stream().map(OutputLog.Output::value).toList();
        long total = perDevice.values().stream().mapToLong(Integer::longValue).sum();
        switch (c.kind()) {
            case STATELESS, PROCESSOR -> {
                long distinct = values.stream().distinct().count();
                assertEquals(c.name() + " distinct outputs", total, distinct);
            }
            case EVENT_TIME_WINDOW -> {
                Set<String> windows = values.stream().map(v -> KillMatrixChecks.WindowResult.parse(v).window())
                        .collect(Collectors.toSet());
                long expected = expectedWindows.stream().map(v -> KillMatrixChecks.WindowResult.parse(v).window())
                        .filter(windows::contains).count();
                assertEquals(c.name() + " windows published", expectedWindows.size(), expected);
            }
            case PROCESSING_TIME_WINDOW -> {
                Map<String, Long> countedPerDevice = new TreeMap<>();
                values.forEach(v -> {
                    KillMatrixChecks.WindowResult result = KillMatrixChecks.WindowResult.parse(v);
                    countedPerDevice.merge(result.key(), result.n(), Long::sum);
                });
                long counted = countedPerDevice.values().stream().mapToLong(Long::longValue).sum();
                // Which devices fall short tells which partitions, and so which failover, lost counts.
                Map<String, String> shortDevices = new TreeMap<>();
                perDevice.forEach((device, sent) -> {
                    long got = countedPerDevice.getOrDefault(device, 0L);
                    if (got < sent) {
                        shortDevices.put(device, got + " of " + sent);
                    }
                });
                assertTrue(c.name() + " counted " + counted + " of " + total + "; devices short: " + shortDevices,
                        counted >= total);
            }
        }
    }

    private static Properties runtimeDefaults() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(KarafOptions.DISTRIBUTION.resolve("etc/org.hyperiot.streaming.runtime.cfg"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private static Duration millis(String key) {
        String value = RUNTIME.getProperty(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not in the distribution's etc/org.hyperiot.streaming.runtime.cfg");
        }
        return Duration.ofMillis(Long.parseLong(value.trim()));
    }
}
