package org.hyperiot.streaming.itests;

import static org.hyperiot.streaming.itests.KillMatrixChecks.AT_LEAST_ONCE;
import static org.hyperiot.streaming.itests.KillMatrixChecks.AT_MOST_ONCE;
import static org.hyperiot.streaming.itests.KillMatrixChecks.EXACTLY_ONCE;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.experimental.categories.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kill matrix of streams on Storm: one node of the built distribution with its embedded Storm (real
 * ZooKeeper, Nimbus, Supervisor and worker JVMs) and broker runs, one case after the other, a
 * {@code "engine": "storm"} stream over a source topic of two partitions, its topology spread over two
 * worker JVMs (the engine bolt and the source spout, one executor each, in different workers as Storm's
 * scheduler spreads them). The cases: a stateless stream (a filter and a projection) at exactly-once,
 * at-least-once and at-most-once, native and micro-batch, and a windowed exactly-once stream (tumbling
 * event-time windows per device). Each stream goes through rounds of sequence-numbered telemetry, keyed by
 * device and spread over both partitions: one without a fault, then one per fault in the middle of the
 * burst: kill -9 of the worker JVM that hosts the engine bolt, then of the one that hosts the spout; kill -9
 * of Nimbus (brought back by {@code bin/streaming start} once the API says Storm is unreachable) and of the
 * Supervisor (its workers run on without it; {@code bin/streaming start} brings it back after the burst);
 * the engine's worker paused ({@code kill -STOP}) past the transaction timeout and resumed, a zombie whose
 * open transactions the broker aborted meanwhile; the Kafka broker killed with -9 and brought back a few
 * seconds later; and a rebalance to one worker during the burst and back to two after it.
 *
 * <p>After each round, once the stream's group has committed the whole input (and, for a stateless stream
 * unless at-most-once, every reading is in the output) and the output has stopped growing, a stateless
 * stream's {@code read_committed} output is checked per device and sequence number
 * ({@link KillMatrixChecks#sequences}): exactly-once has every reading exactly once, at-least-once every
 * reading at least once (repeats counted), at-most-once none twice (losses counted). The windowed stream's
 * output is checked once, after its last round and a closing reading per partition: it must be exactly the
 * windows {@link StreamTestDriver} computes over the same input without a fault. Each round adds a line to
 * the report printed at the end: records sent, outputs, missing, repeated, and the seconds from the fault
 * until the output was complete.
 *
 * <p>{@code mvn verify} runs a short matrix (the stateless exactly-once stream on two workers through the
 * kill of the spout's worker; smaller bursts); {@code -Pstorm-kill-matrix} (system property
 * {@code hyperiot.itest.stormkillmatrix}) runs all of it. {@code hyperiot.itest.stormkillmatrix.burst} and
 * {@code .rate} set the readings per burst and per second, {@code .cases} and {@code .faults} choose part of
 * the matrix (case names such as {@code eos,eos-mb,eos-win}; fault names such as {@code ENGINE_WORKER}).
 */
@Category(OneAtATime.class)
public class StormKillMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The whole matrix, rather than the short one of {@code mvn verify}. */
    private static final boolean FULL = Boolean.getBoolean("hyperiot.itest.stormkillmatrix");
    private static final int PARTITIONS = 2;
    /** Worker JVMs of each stream's topology (the storm engine's {@code workers}). */
    private static final int WORKERS = 2;
    private static final int DEVICES = 8;
    private static final int READINGS_PER_BURST = Integer.getInteger("hyperiot.itest.stormkillmatrix.burst",
            FULL ? 1000 : 300);
    private static final int READINGS_PER_SECOND = Integer.getInteger("hyperiot.itest.stormkillmatrix.rate", 100);
    /** One record of every this many is noise, which the stream's filter drops. */
    private static final int NOISE_EVERY = 10;
    /** How long a round's output may take to be complete once its burst is sent and Storm restarted. */
    private static final Duration COMPLETE_LIMIT = Duration.ofSeconds(180);
    /** How long the output must not grow before it is checked: a repeat comes with a commit, every 200 ms. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** The connector's kill wait in this test (its minimum): a stop waits this long. */
    private static final int KILL_WAIT_SECONDS = 5;
    /** The windowed stream's tumbling windows, in event time. */
    private static final long WINDOW_MS = 2_000;
    /** Event time between a device's readings: its readings' {@code ts} are {@code epoch + seq × this}. */
    private static final long READING_INTERVAL_MS = 100;
    /** Event time of the first reading of every device, so that event time follows the sequence numbers. */
    private static final long EPOCH_MS = System.currentTimeMillis();

    /**
     * The stream of one case, with its own source and sink topics: a guarantee, native or micro-batch
     * ({@code -mb}), stateless or windowed ({@code -win}).
     */
    private record Case(String guarantee, String abbreviation, boolean microBatch, boolean windowed) {

        String name() {
            return "skm-" + abbreviation;
        }

        String input() {
            return name() + "-in";
        }

        String sink() {
            return name() + "-out";
        }

        String group() {
            return "hyperiot-stream-" + name();
        }

        String topology() {
            return "stream-" + name();
        }

        String label() {
            return guarantee + (microBatch ? " micro-batch" : "") + (windowed ? " windowed" : "");
        }

        List<TopicPartition> inputPartitions() {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(input(), p));
            }
            return partitions;
        }

        String definition() {
            String mode = microBatch ? "\"mode\":\"micro-batch\",\"batch\":{\"interval\":\"200ms\",\"maxRecords\":500}," : "";
            String eventTime = windowed ? ",\"eventTime\":{\"field\":\"ts\"}},\"watermark\":{\"maxOutOfOrderness\":\"1s\"}"
                    : "}";
            String last = windowed
                    ? "{\"op\":\"window\",\"type\":\"tumbling\",\"size\":\"" + WINDOW_MS + "ms\",\"aggregate\":["
                            + "{\"fn\":\"count\",\"as\":\"n\"},{\"fn\":\"sum\",\"field\":\"seq\",\"as\":\"s\"}]}"
                    : "{\"op\":\"project\",\"fields\":[\"deviceId\",\"seq\"]}";
            return """
                    {"name":"%s","engine":"storm","guarantee":"%s","commitInterval":"200ms",%s
                     "source":{"topics":["%s"],"startFrom":"earliest"%s,
                     "pipeline":[{"op":"filter","where":{"field":"kind","eq":"reading"}},%s],
                     "sink":{"topic":"%s"}}""".formatted(name(), guarantee, mode, input(), eventTime, last, sink());
        }
    }

    /**
     * How long a worker stays paused: past the transaction timeout of the storm engine (10 s by default),
     * so that the broker aborts the paused bolt's open transactions and the resumed bolt finds its producer
     * fenced or its transaction gone; short of Storm's worker timeout (30 s), so that the worker resumes as
     * a zombie rather than being replaced.
     */
    private static final int PAUSE_SECONDS = 18;
    /** How long the broker stays down. */
    private static final int BROKER_DOWN_SECONDS = 5;

    private static final List<Case> CASES = (FULL
            ? List.of(new Case(EXACTLY_ONCE, "eos", false, false), new Case(AT_LEAST_ONCE, "alo", false, false),
                    new Case(AT_MOST_ONCE, "amo", false, false), new Case(EXACTLY_ONCE, "eos-mb", true, false),
                    new Case(AT_LEAST_ONCE, "alo-mb", true, false), new Case(AT_MOST_ONCE, "amo-mb", true, false),
                    new Case(EXACTLY_ONCE, "eos-win", false, true))
            : List.of(new Case(EXACTLY_ONCE, "eos", false, false))).stream()
            .filter(c -> selected("hyperiot.itest.stormkillmatrix.cases", c.abbreviation())).toList();

    /** What happens to the embedded Storm during a round's burst. */
    private enum Fault {
        NONE("no fault", true),
        /**
         * Not in the short matrix: its recovery waits for the lost tuples' message timeout (30 s) when the
         * burst ends before the new worker runs, and {@code StormStreamsIT} kills engine workers already.
         */
        ENGINE_WORKER("kill -9 of the engine bolt's worker JVM", false),
        SPOUT_WORKER("kill -9 of the spout's worker JVM", true),
        NIMBUS("kill -9 of Nimbus", false),
        SUPERVISOR("kill -9 of the Supervisor", false),
        PAUSED_WORKER("kill -STOP of the engine bolt's worker JVM for " + PAUSE_SECONDS + " s, then -CONT", false),
        BROKER("kill -9 of the Kafka broker, restarted after " + BROKER_DOWN_SECONDS + " s", false),
        REBALANCE("rebalance to 1 worker, and back to " + WORKERS + " after the burst", false),
        /** A last burst on the rebalanced topology: the rebalance's round ends before it gets new tuples. */
        AFTER_REBALANCE("no fault, on the topology rebalanced back to " + WORKERS + " workers", false);

        private final String description;
        /** Whether the short matrix of {@code mvn verify} has it. */
        private final boolean inShortMatrix;

        Fault(String description, boolean inShortMatrix) {
            this.description = description;
            this.inShortMatrix = inShortMatrix;
        }

        boolean selected() {
            if (this == AFTER_REBALANCE) {
                return REBALANCE.selected();
            }
            return this == NONE || (FULL || inShortMatrix)
                    && StormKillMatrixIT.selected("hyperiot.itest.stormkillmatrix.faults", name());
        }
    }

    private final String password = "pw-" + UUID.randomUUID();
    private final int kafkaPort = Ports.freePair();
    private final List<String> report = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final long startedAt = System.currentTimeMillis();
    private DistributionNode node;
    private Http http;
    private KafkaProducer<String, String> producer;
    private Admin admin;
    private OutputLog outputs;
    /** Per stream, the next sequence number of each device: readings 0 … n-1 were sent and acknowledged. */
    private final Map<String, Map<String, Integer>> nextSeq = new HashMap<>();
    /** Per stream and source partition, what was sent, in order: the windowed stream's oracle replays it. */
    private final Map<String, Map<Integer, List<Sent>>> sent = new HashMap<>();

    private record Sent(String key, String payload, long timestamp) {
    }

    @Before
    public void startNodeWithEmbeddedStorm() throws Exception {
        node = DistributionNode.startedWithEmbeddedStorm("storm-kill-matrix-home", password, kafkaPort, Map.of(
                DistributionNode.configOverride("org.hyperiot.streaming.storm", "kill.wait.seconds"),
                Integer.toString(KILL_WAIT_SECONDS),
                DistributionNode.configOverride("org.hyperiot.streaming.storm.streams", "workers"),
                Integer.toString(WORKERS)));
        http = node.http();
        note("node with embedded Storm started");
    }

    @After
    public void stopEverything() throws Exception {
        System.out.println(String.join(System.lineSeparator(), report));
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (outputs != null) {
            outputs.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (node != null) {
            node.stopLeavingNothing();
        }
    }

    @Test
    public void everyGuaranteeHoldsThroughKilledWorkersNimbusSupervisorPausedWorkerBrokerRestartAndRebalance()
            throws Exception {
        for (Case c : CASES) {
            for (String topic : List.of(c.input(), c.sink())) {
                int partitions = topic.equals(c.input()) ? PARTITIONS : 1;
                HttpResponse<String> created = http.post("/kafka/topics", "{\"name\":\"" + topic + "\",\"partitions\":"
                        + partitions + "}", "admin", password);
                assertEquals(created.body(), 201, created.statusCode());
            }
        }
        Map<String, Object> client = node.kafkaClient(kafkaPort);
        producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
        admin = Admin.create(client);
        outputs = new OutputLog(client, CASES.stream().map(c -> new TopicPartition(c.sink(), 0)).toList());

        for (Case c : CASES) {
            runRounds(c);
        }
        assertTrue(String.join("\n", violations), violations.isEmpty());
    }

    /** Starts the case's stream, runs a round per fault, then stops and deletes it so that its worker slot frees. */
    private void runRounds(Case c) throws Exception {
        long began = System.currentTimeMillis();
        nextSeq.put(c.name(), new TreeMap<>());
        sent.put(c.name(), new TreeMap<>());
        HttpResponse<String> created = http.post("/streams", c.definition(), "admin", password);
        assertEquals(c.name() + ": " + created.body(), 201, created.statusCode());
        HttpResponse<String> started = http.post("/streams/" + c.name() + "/start", "", "admin", password);
        assertEquals(started.body(), 202, started.statusCode());
        String topologyId = awaitRunning(c, BoltTasks.NONE_YET);
        note(String.format("%s (%s): topology %s runs on %d workers, after %d s", c.name(), c.label(), topologyId,
                WORKERS, (System.currentTimeMillis() - began) / 1000));

        Totals before = new Totals(0, 0, List.of());
        for (Fault fault : Fault.values()) {
            if (!fault.selected()) {
                continue;
            }
            // Before the first round no tuple has come: the bolt task has no partition yet; nor after a
            // rebalance, whose workers stopped cleanly and took their partitions out of the status.
            topologyId = awaitRunning(c, fault == Fault.NONE ? BoltTasks.NONE_YET
                    : fault == Fault.AFTER_REBALANCE ? BoltTasks.UNCHECKED : BoltTasks.BOTH_PARTITIONS);
            Totals after = round(c, fault, topologyId, before);
            if (after == null) {
                note(String.format("%s (%s): its remaining faults are skipped", c.name(), c.label()));
                break;
            }
            before = after;
        }
        if (c.windowed()) {
            checkWindows(c);
        } else {
            KillMatrixChecks.Verdict verdict = KillMatrixChecks.sequences(c.name(), c.guarantee(),
                    nextSeq.get(c.name()), outputs.of(c.sink()));
            note(String.format("%s (%s) in all: %s", c.name(), c.label(), verdict.summary()));
            violations.addAll(verdict.violations());
        }

        String lastTopology = topologyId;
        HttpResponse<String> stopped = http.post("/streams/" + c.name() + "/stop", "", "admin", password);
        assertEquals(stopped.body(), 202, stopped.statusCode());
        Eventually.within(Duration.ofSeconds(120), () -> {
            assertFalse("the topology still runs", topologyNames().contains(c.topology()));
            assertEquals("workers of " + lastTopology, List.of(), node.stormWorkers(lastTopology));
        });
        HttpResponse<String> deleted = http.delete("/streams/" + c.name(), "admin", password);
        assertEquals(deleted.body(), 204, deleted.statusCode());
        note(String.format("%s (%s): stopped and deleted; its matrix took %d s", c.name(), c.label(),
                (System.currentTimeMillis() - began) / 1000));
    }

    /**
     * What the bolt task reports when a round begins. A bolt task takes a partition, and reports it, when the
     * partition's first tuple comes; a killed worker's last report stays, while workers stopped by a
     * rebalance take theirs out of the status.
     */
    private enum BoltTasks {
        /** No partition yet: no tuple has come. */
        NONE_YET,
        /** Both source partitions running. */
        BOTH_PARTITIONS,
        /** Not looked at: after a rebalance, until the next tuples come. */
        UNCHECKED
    }

    /** Missing and repeated readings of a stream's output so far, and the first repeated ones as {@code device#seq}. */
    private record Totals(long missing, long repeated, List<String> firstRepeats) {
    }

    /**
     * One burst with the fault injected once a third of it is sent, the recovery the fault needs after
     * the burst, then the wait until the output is complete and the check. Returns the stream's totals, or
     * null when the output did not become complete within {@link #COMPLETE_LIMIT}.
     */
    private Totals round(Case c, Fault fault, String topologyId, Totals before) throws Exception {
        Burst burst = new Burst(c);
        Thread sender = new Thread(burst, "storm-kill-matrix-burst-" + c.name());
        long burstFrom = System.currentTimeMillis();
        sender.start();
        assertTrue("a third of the burst not sent within a minute",
                burst.thirdSent.await(60, TimeUnit.SECONDS));
        long faultAt = System.currentTimeMillis();
        String detail = inject(c, fault, topologyId);
        sender.join(Duration.ofMinutes(5).toMillis());
        assertFalse("the burst did not end", sender.isAlive());
        assertEquals("sends Kafka did not acknowledge: " + burst.firstFailure.get(), 0, burst.failures.get());
        detail += recover(c, fault, topologyId);
        boolean faultless = fault == Fault.NONE || fault == Fault.AFTER_REBALANCE;
        long since = faultless ? burstFrom : faultAt;

        long completeAfter = awaitComplete(c, since);
        if (fault != Fault.NONE) {
            detail += "; worker(s) now " + node.stormWorkers(topologyId);
        }
        Map<String, Integer> sentSeqs = nextSeq.get(c.name());
        List<OutputLog.Output> read = outputs.of(c.sink());
        // A window result is no reading: the windowed stream's output is checked once, after its last round.
        Totals totals = c.windowed() ? before : totals(sentSeqs, read);
        int sentInAll = sentSeqs.values().stream().mapToInt(Integer::intValue).sum();
        String complete = completeAfter < 0 ? "NOT complete " + COMPLETE_LIMIT.toSeconds() + " s after the recovery"
                : String.format("complete %.1f s after the %s", completeAfter / 1000.0,
                        faultless ? "burst began" : "fault");
        if (c.windowed()) {
            note(String.format("%s, %s: %,d readings sent (%,d in all), %,d window results, input committed: %s%s",
                    c.label(), fault.description, burst.readings.get(), sentInAll, read.size(), complete, detail));
        } else {
            note(String.format("%s, %s: %,d readings sent (%,d in all), %,d outputs, %,d missing (+%,d), %,d repeated "
                    + "(+%,d), %s%s", c.label(), fault.description, burst.readings.get(), sentInAll, read.size(),
                    totals.missing(), totals.missing() - before.missing(), totals.repeated(),
                    totals.repeated() - before.repeated(), complete, detail));
        }
        if (totals.repeated() > before.repeated()) {
            List<String> added = new ArrayList<>(totals.firstRepeats());
            added.removeAll(before.firstRepeats());
            note(String.format("%s, %s: repeated readings (device#seq, up to 20) %s", c.label(), fault.description,
                    added));
        }
        if (completeAfter < 0) {
            violations.add(c.name() + " (" + c.label() + "): output not complete " + COMPLETE_LIMIT.toSeconds()
                    + " s after the recovery from the " + fault.description);
            return null;
        }
        // The checks are of the whole output so far; what this round added is what its fault did.
        long lost = totals.missing() - before.missing();
        long repeated = totals.repeated() - before.repeated();
        if (lost > 0 && !c.guarantee().equals(AT_MOST_ONCE)) {
            violations.add(String.format("%s (%s), %s: %d readings lost", c.name(), c.label(), fault.description, lost));
        }
        if (repeated > 0 && !c.guarantee().equals(AT_LEAST_ONCE)) {
            violations.add(String.format("%s (%s), %s: %d readings repeated", c.name(), c.label(), fault.description,
                    repeated));
        }
        return totals;
    }

    /** Injects the fault; returns what the report should say about it. */
    private String inject(Case c, Fault fault, String topologyId) throws Exception {
        switch (fault) {
            case NONE, AFTER_REBALANCE -> {
                return "";
            }
            case ENGINE_WORKER, SPOUT_WORKER -> {
                Slot slot = slotOf(topologyId, fault == Fault.ENGINE_WORKER ? "engine" : "source");
                kill(slot.pid());
                return "; worker " + slot.pid() + " killed, " + slot;
            }
            case NIMBUS -> {
                return "; Nimbus " + kill(daemonPid("nimbus")) + " killed";
            }
            case SUPERVISOR -> {
                return "; Supervisor " + kill(daemonPid("supervisor")) + " killed";
            }
            case PAUSED_WORKER -> {
                Slot slot = slotOf(topologyId, "engine");
                signal("STOP", slot.pid());
                try {
                    Thread.sleep(PAUSE_SECONDS * 1000L);
                } finally {
                    signal("CONT", slot.pid());
                }
                return "; worker " + slot.pid() + " paused " + PAUSE_SECONDS + " s and resumed, " + slot;
            }
            case BROKER -> {
                long broker = kill(Long.parseLong(Files.readString(node.home().resolve("run/kafka.pid")).trim()));
                Thread.sleep(BROKER_DOWN_SECONDS * 1000L);
                long restartFrom = System.currentTimeMillis();
                String started = node.start();
                assertTrue(started, started.contains("UP"));
                return String.format("; broker %d killed, bin/streaming start brought it back in %.1f s", broker,
                        (System.currentTimeMillis() - restartFrom) / 1000.0);
            }
            case REBALANCE -> {
                rebalance(c, 1);
                return "; rebalanced to 1 worker";
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    /** A worker slot of a topology: its port, its worker JVM and the components' tasks it runs. */
    private record Slot(int port, long pid, Map<String, Integer> componentTasks) {

        @Override
        public String toString() {
            return "port " + port + " with " + componentTasks;
        }
    }

    /** The slot whose worker runs a task of {@code component}, as Nimbus assigned it. */
    private Slot slotOf(String topologyId, String component) throws Exception {
        Slot[] found = new Slot[1];
        Eventually.within(Duration.ofSeconds(60), () -> {
            JsonNode detail = JSON.readTree(http.get("/topologies/" + topologyId, "admin", password).body());
            for (JsonNode worker : detail.path("workerProcesses")) {
                if (worker.path("componentTasks").path(component).asInt() > 0) {
                    int port = worker.path("port").asInt();
                    Map<String, Integer> tasks = new TreeMap<>();
                    worker.path("componentTasks").fields().forEachRemaining(e -> tasks.put(e.getKey(), e.getValue().asInt()));
                    long pid = node.stormWorker(topologyId, port).orElseThrow(() -> new AssertionError(
                            "no worker JVM of " + topologyId + " on port " + port + ": " + node.stormWorkers(topologyId)));
                    found[0] = new Slot(port, pid, tasks);
                    return;
                }
            }
            throw new AssertionError("no worker of " + topologyId + " runs " + component + ": " + detail);
        });
        return found[0];
    }

    /** Asks Nimbus, through the API, to spread the stream's topology over {@code workers} worker JVMs. */
    private void rebalance(Case c, int workers) throws Exception {
        HttpResponse<String> rebalanced = http.post("/topologies/" + c.topology() + "/rebalance",
                "{\"waitSeconds\":" + KILL_WAIT_SECONDS + ",\"workers\":" + workers + "}", "admin", password);
        assertEquals(rebalanced.body(), 202, rebalanced.statusCode());
    }

    /**
     * Whether {@code value} is among the comma-separated values of system property {@code property}, or
     * the property is not set: to run part of the matrix while looking into one fault.
     */
    private static boolean selected(String property, String value) {
        String only = System.getProperty(property, "").trim();
        return only.isEmpty() || List.of(only.split("\\s*,\\s*")).contains(value);
    }

    /** Sends a signal to a process, as {@code kill -<name>} does. */
    private static void signal(String name, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true).start();
        assertTrue("kill -" + name + " " + pid + " did not end", kill.waitFor(10, TimeUnit.SECONDS));
        assertEquals("kill -" + name + " " + pid + ": " + new String(kill.getInputStream().readAllBytes()), 0,
                kill.exitValue());
    }

    /**
     * What brings Storm back after the burst: the Supervisor starts another worker by itself; Nimbus and
     * the Supervisor come back with {@code bin/streaming start}, which starts the daemons that do not run
     * (Karaf and the broker running, it reuses them). Returns what the report should say about it.
     */
    private String recover(Case c, Fault fault, String topologyId) throws Exception {
        switch (fault) {
            case NONE, ENGINE_WORKER, SPOUT_WORKER, PAUSED_WORKER, BROKER, AFTER_REBALANCE -> {
                return "";
            }
            case REBALANCE -> {
                // Back to the full spread once the first rebalance is done: one worker left, the topology active.
                long from = System.currentTimeMillis();
                Eventually.within(Duration.ofSeconds(120), () -> {
                    JsonNode detail = JSON.readTree(http.get("/topologies/" + topologyId, "admin", password).body());
                    assertEquals(detail.toString(), "ACTIVE", detail.path("status").asText());
                    assertEquals(detail.toString(), 1, detail.path("workers").asInt());
                    assertEquals("worker JVMs of " + topologyId, 1, node.stormWorkers(topologyId).size());
                });
                long oneWorker = System.currentTimeMillis() - from;
                rebalance(c, WORKERS);
                awaitRunning(c, BoltTasks.UNCHECKED);
                return String.format("; on 1 worker %.1f s after the burst, then rebalanced to %d, running on them %.1f s"
                        + " after the burst", oneWorker / 1000.0, WORKERS, (System.currentTimeMillis() - from) / 1000.0);
            }
            case NIMBUS -> {
                // As StormTopologiesIT: restarted once the API has seen Nimbus gone.
                Eventually.within(Duration.ofSeconds(60), () -> assertEquals(503,
                        http.get("/topologies", "admin", password).statusCode()));
                return restartDaemons("nimbus", topologyId);
            }
            case SUPERVISOR -> {
                return restartDaemons("supervisor", topologyId);
            }
            default -> throw new IllegalArgumentException(fault.name());
        }
    }

    private String restartDaemons(String daemon, String topologyId) throws Exception {
        List<Long> workersBefore = node.stormWorkers(topologyId);
        long restartFrom = System.currentTimeMillis();
        String started = node.start();
        assertTrue(started, started.contains("UP"));
        long pid = daemonPid(daemon);
        assertTrue(daemon + " " + pid + " does not run", ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        return String.format("; bin/streaming start took %.1f s (%s now %d); worker(s) %s ran while it was down",
                (System.currentTimeMillis() - restartFrom) / 1000.0, daemon, pid, workersBefore);
    }

    private long daemonPid(String daemon) throws Exception {
        return Long.parseLong(Files.readString(node.home().resolve("run/storm-" + daemon + ".pid")).trim());
    }

    /** SIGKILL, as a crash ends a process; returns once it is gone. */
    private static long kill(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(pid + " does not run"));
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
        return pid;
    }

    /**
     * Waits until the stream runs on Storm: its topology active, {@link #WORKERS} worker JVMs, and its bolt
     * task's reports as {@code boltTasks} says. Returns the topology id.
     */
    private String awaitRunning(Case c, BoltTasks boltTasks) throws Exception {
        String[] topologyId = new String[1];
        Eventually.within(Duration.ofSeconds(180), () -> {
            JsonNode status = JSON.readTree(http.get("/streams/" + c.name() + "/status", "admin", password).body());
            assertEquals(status.toString(), "RUNNING", status.path("state").asText());
            String topology = null;
            List<String> reported = new ArrayList<>();
            for (JsonNode task : status.path("tasks")) {
                String taskNode = task.path("node").asText();
                if (taskNode.equals("storm")) {
                    assertEquals(status.toString(), "RUNNING", task.path("state").asText());
                    topology = task.path("task").asText();
                } else if (taskNode.equals("storm-0")) {
                    reported.add(task.path("task").asText() + " " + task.path("state").asText());
                }
            }
            assertTrue(status.toString(), topology != null && topology.startsWith(c.topology() + "-"));
            reported.sort(null);
            if (boltTasks != BoltTasks.UNCHECKED) {
                assertEquals(status.toString(), boltTasks == BoltTasks.BOTH_PARTITIONS
                        ? List.of(c.input() + "-0 RUNNING", c.input() + "-1 RUNNING") : List.of(), reported);
            }
            assertEquals("worker JVMs of " + topology, WORKERS, node.stormWorkers(topology).size());
            topologyId[0] = topology;
        });
        return topologyId[0];
    }

    /**
     * Waits until the stream's group has committed its whole input and, for a stateless stream unless
     * at-most-once, every reading sent is in the output; then until the output has not grown for {@link #QUIET}. Returns the ms from
     * {@code since} until the first, or -1 if not within {@link #COMPLETE_LIMIT} from now (the burst sent
     * and Storm's daemons restarted).
     */
    private long awaitComplete(Case c, long since) throws Exception {
        try {
            Eventually.within(COMPLETE_LIMIT, () -> assertTrue(c.name() + " not complete", complete(c)));
        } catch (AssertionError e) {
            return -1;
        }
        long completeAfter = System.currentTimeMillis() - since;
        outputs.awaitStill(c.sink(), QUIET, Duration.ofSeconds(60));
        return completeAfter;
    }

    private boolean complete(Case c) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        c.inputPartitions().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> end =
                admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(c.group())
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        for (TopicPartition partition : c.inputPartitions()) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset == null || offset.offset() < end.get(partition).offset()) {
                return false;
            }
        }
        if (c.guarantee().equals(AT_MOST_ONCE) || c.windowed()) {
            return true;
        }
        return totals(nextSeq.get(c.name()), outputs.of(c.sink())).missing() == 0;
    }

    /**
     * The windowed stream's check: a closing reading per partition, far enough ahead in event time to close
     * every window of the readings sent, then the output must be exactly what {@link StreamTestDriver}
     * publishes for the same input, a driver per source partition as the engine has a task per partition:
     * every window once, none missing, with the same count and sum.
     */
    private void checkWindows(Case c) throws Exception {
        Map<Integer, List<Sent>> input = sent.get(c.name());
        long closing = input.values().stream().flatMap(List::stream).mapToLong(Sent::timestamp).max().orElse(EPOCH_MS)
                + 10 * WINDOW_MS;
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String device = "closing-" + partition;
            String payload = "{\"deviceId\":\"" + device + "\",\"kind\":\"reading\",\"seq\":0,\"ts\":" + closing + "}";
            producer.send(new ProducerRecord<>(c.input(), partition, closing, device, payload)).get(30, TimeUnit.SECONDS);
            input.computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(device, payload, closing));
        }
        List<String> expected = new ArrayList<>();
        for (List<Sent> partition : input.values()) {
            try (StreamTestDriver driver = StreamTestDriver.builder(c.definition()).build()) {
                for (Sent record : partition) {
                    driver.pipeRaw(record.key(), record.payload(), record.timestamp());
                }
                driver.flushBatch();
                for (StreamRecord result : driver.readOutput()) {
                    expected.add(JSON.valueToTree(result.value()).toString());
                }
            }
        }
        expected.sort(null);
        long from = System.currentTimeMillis();
        try {
            Eventually.within(COMPLETE_LIMIT, () -> assertTrue("fewer windows than expected",
                    outputs.of(c.sink()).size() >= expected.size()));
        } catch (AssertionError e) {
            // The comparison below says what is missing.
        }
        outputs.awaitStill(c.sink(), QUIET, Duration.ofSeconds(60));
        List<String> published = new ArrayList<>();
        for (OutputLog.Output output : outputs.of(c.sink())) {
            published.add(JSON.readTree(output.value()).toString());
        }
        published.sort(null);
        List<String> missing = new ArrayList<>(expected);
        published.forEach(missing::remove);
        List<String> extra = new ArrayList<>(published);
        expected.forEach(extra::remove);
        note(String.format("%s (%s) in all: %,d windows expected, %,d published, %,d missing, %,d extra or repeated "
                + "(checked %.1f s after the closing readings)", c.name(), c.label(), expected.size(), published.size(),
                missing.size(), extra.size(), (System.currentTimeMillis() - from) / 1000.0));
        if (!missing.isEmpty() || !extra.isEmpty()) {
            violations.add(String.format("%s (%s): windows missing %s, extra or repeated %s", c.name(), c.label(),
                    missing.subList(0, Math.min(5, missing.size())), extra.subList(0, Math.min(5, extra.size()))));
        }
    }

    /** Readings sent and not in the output, and outputs beyond the first of each reading. */
    private static Totals totals(Map<String, Integer> sent, List<OutputLog.Output> read) {
        Map<String, Set<Long>> seen = new HashMap<>();
        long repeated = 0;
        List<String> firstRepeats = new ArrayList<>();
        for (OutputLog.Output output : read) {
            long seq = KillMatrixChecks.longField(output.value(), "seq");
            if (!seen.computeIfAbsent(output.key(), k -> new HashSet<>()).add(seq)) {
                repeated++;
                if (firstRepeats.size() < 20) {
                    firstRepeats.add(output.key() + "#" + seq);
                }
            }
        }
        long missing = 0;
        for (Map.Entry<String, Integer> device : sent.entrySet()) {
            Set<Long> seqs = seen.getOrDefault(device.getKey(), Set.of());
            for (long seq = 0; seq < device.getValue(); seq++) {
                if (!seqs.contains(seq)) {
                    missing++;
                }
            }
        }
        return new Totals(missing, repeated, firstRepeats);
    }

    private List<String> topologyNames() throws Exception {
        List<String> names = new ArrayList<>();
        JSON.readTree(http.get("/topologies", "admin", password).body()).forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    /** Adds a line to the report, with the seconds since the test began. */
    private void note(String line) {
        report.add(String.format("[%4d s] %s", (System.currentTimeMillis() - startedAt) / 1000, line));
    }

    /**
     * {@link #READINGS_PER_BURST} readings to a stream's source at {@link #READINGS_PER_SECOND}, the devices in
     * turn, each device to one partition (device index mod 2, keyed by the device) with the next sequence
     * number of that device and an event time that follows it, and a noise record among every
     * {@link #NOISE_EVERY}. Counts down
     * {@link #thirdSent} once a third is sent; on return every send was acknowledged or counted as failed.
     */
    private final class Burst implements Runnable {

        private final Case c;
        private final CountDownLatch thirdSent = new CountDownLatch(1);
        private final AtomicInteger readings = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final AtomicReference<Exception> firstFailure = new AtomicReference<>();

        Burst(Case c) {
            this.c = c;
        }

        @Override
        public void run() {
            Map<String, Integer> seqs = nextSeq.get(c.name());
            long interval = 1_000_000_000L / READINGS_PER_SECOND;
            long began = System.nanoTime();
            try {
                for (int i = 0; i < READINGS_PER_BURST; i++) {
                    int index = i % DEVICES;
                    String device = String.format("d%02d", index);
                    int seq = seqs.getOrDefault(device, 0);
                    long ts = EPOCH_MS + seq * READING_INTERVAL_MS;
                    send(index % PARTITIONS, device, ts, "{\"deviceId\":\"" + device + "\",\"kind\":\"reading\",\"seq\":"
                            + seq + ",\"temp\":" + TelemetryFeed.temperature(device, seq) + ",\"ts\":" + ts + "}");
                    seqs.put(device, seq + 1);
                    readings.incrementAndGet();
                    if (i % NOISE_EVERY == NOISE_EVERY - 1) {
                        send(index % PARTITIONS, device, ts, "{\"deviceId\":\"" + device + "\",\"kind\":\"noise\",\"ts\":"
                                + ts + "}");
                    }
                    if (i + 1 == READINGS_PER_BURST / 3) {
                        thirdSent.countDown();
                    }
                    long wait = began + (i + 1) * interval - System.nanoTime();
                    if (wait > 0) {
                        // Pacing to the burst's rate, not waiting for anything.
                        LockSupport.parkNanos(wait);
                    }
                }
                producer.flush();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                firstFailure.compareAndSet(null, e);
            } finally {
                thirdSent.countDown();
            }
        }

        private void send(int partition, String device, long ts, String value) {
            sent.get(c.name()).computeIfAbsent(partition, p -> new ArrayList<>()).add(new Sent(device, value, ts));
            producer.send(new ProducerRecord<>(c.input(), partition, ts, device, value), (metadata, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
            });
        }
    }
}
