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
import org.junit.After;
import org.junit.Assume;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kill matrix of streams on Storm: one node of the built distribution with its embedded Storm (real
 * ZooKeeper, Nimbus, Supervisor and worker JVMs) and broker runs, one guarantee after the other
 * (exactly-once, at-least-once, at-most-once), a stateless {@code "engine": "storm"} stream (a filter and a
 * projection) over a source topic of two partitions. Each stream goes through rounds of sequence-numbered
 * telemetry, keyed by device and spread over both partitions: one without a fault, then one with the
 * topology's worker JVM killed with -9 in the middle of the burst, one with Nimbus killed with -9 (brought
 * back by {@code bin/streaming start} once the API says Storm is unreachable), one with the Supervisor
 * killed with -9 (its worker runs on without it; {@code bin/streaming start} brings it back after the burst),
 * one with the worker JVM paused ({@code kill -STOP}) past the transaction timeout and resumed, a zombie
 * whose open transactions the broker aborted meanwhile, and one with the Kafka broker killed with -9 and
 * brought back by {@code bin/streaming start} a few seconds later.
 *
 * <p>After each round, once the stream's group has committed the whole input (and, unless at-most-once,
 * every reading is in the output) and the output has stopped growing, the {@code read_committed} output is
 * checked per device and sequence number ({@link KillMatrixChecks#sequences}): exactly-once has every
 * reading exactly once, at-least-once every reading at least once (repeats counted), at-most-once none
 * twice (losses counted). Each round adds a line to the report printed at the end: records sent, outputs,
 * missing, repeated, and the seconds from the fault until the output was complete.
 *
 * <p>Runs only with {@code -Pstorm-kill-matrix} (system property {@code hyperiot.itest.stormkillmatrix});
 * {@code hyperiot.itest.stormkillmatrix.burst} and {@code .rate} set the readings per burst and per second.
 */
public class StormKillMatrixIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTITIONS = 2;
    private static final int DEVICES = 8;
    private static final int READINGS_PER_BURST = Integer.getInteger("hyperiot.itest.stormkillmatrix.burst", 1000);
    private static final int READINGS_PER_SECOND = Integer.getInteger("hyperiot.itest.stormkillmatrix.rate", 100);
    /** One record of every this many is noise, which the stream's filter drops. */
    private static final int NOISE_EVERY = 10;
    /** How long a round's output may take to be complete once its burst is sent and Storm restarted. */
    private static final Duration COMPLETE_LIMIT = Duration.ofSeconds(180);
    /** How long the output must not grow before it is checked: a repeat comes with a commit, every 200 ms. */
    private static final Duration QUIET = Duration.ofSeconds(3);
    /** The connector's kill wait in this test (its minimum): a stop waits this long. */
    private static final int KILL_WAIT_SECONDS = 5;

    /** The stream of one guarantee, with its own source and sink topics. */
    private record Case(String guarantee, String abbreviation) {

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

        List<TopicPartition> inputPartitions() {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(input(), p));
            }
            return partitions;
        }

        String definition() {
            return """
                    {"name":"%s","engine":"storm","guarantee":"%s","commitInterval":"200ms",
                     "source":{"topics":["%s"],"startFrom":"earliest"},
                     "pipeline":[{"op":"filter","where":{"field":"kind","eq":"reading"}},
                       {"op":"project","fields":["deviceId","seq"]}],
                     "sink":{"topic":"%s"}}""".formatted(name(), guarantee, input(), sink());
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

    private static final List<Case> CASES = List.of(
            new Case(EXACTLY_ONCE, "eos"), new Case(AT_LEAST_ONCE, "alo"), new Case(AT_MOST_ONCE, "amo")).stream()
            .filter(c -> selected("hyperiot.itest.stormkillmatrix.guarantees", c.guarantee())).toList();

    /** What happens to the embedded Storm during a round's burst. */
    private enum Fault {
        NONE("no fault"),
        WORKER("kill -9 of the worker JVM"),
        NIMBUS("kill -9 of Nimbus"),
        SUPERVISOR("kill -9 of the Supervisor"),
        PAUSED_WORKER("kill -STOP of the worker JVM for " + PAUSE_SECONDS + " s, then -CONT"),
        BROKER("kill -9 of the Kafka broker, restarted after " + BROKER_DOWN_SECONDS + " s");

        private final String description;

        Fault(String description) {
            this.description = description;
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

    @BeforeClass
    public static void onlyInItsProfile() {
        Assume.assumeTrue("the storm kill matrix runs with -Pstorm-kill-matrix",
                Boolean.getBoolean("hyperiot.itest.stormkillmatrix"));
    }

    @Before
    public void startNodeWithEmbeddedStorm() throws Exception {
        node = DistributionNode.startedWithEmbeddedStorm("storm-kill-matrix-home", password, kafkaPort);
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
    public void everyGuaranteeHoldsThroughKilledWorkersNimbusSupervisorPausedWorkerAndBrokerRestart() throws Exception {
        for (Case c : CASES) {
            for (String topic : List.of(c.input(), c.sink())) {
                int partitions = topic.equals(c.input()) ? PARTITIONS : 1;
                HttpResponse<String> created = http.post("/kafka/topics", "{\"name\":\"" + topic + "\",\"partitions\":"
                        + partitions + "}", "admin", password);
                assertEquals(created.body(), 201, created.statusCode());
            }
        }
        node.shell("config:property-set -p org.hyperiot.streaming.storm kill.wait.seconds " + KILL_WAIT_SECONDS);
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
        HttpResponse<String> created = http.post("/streams", c.definition(), "admin", password);
        assertEquals(c.name() + ": " + created.body(), 201, created.statusCode());
        HttpResponse<String> started = http.post("/streams/" + c.name() + "/start", "", "admin", password);
        assertEquals(started.body(), 202, started.statusCode());
        String topologyId = awaitRunning(c, false);
        note(String.format("%s (%s): topology %s runs, after %d s", c.name(), c.guarantee(), topologyId,
                (System.currentTimeMillis() - began) / 1000));

        Totals before = new Totals(0, 0, List.of());
        for (Fault fault : Fault.values()) {
            if (fault != Fault.NONE && !selected("hyperiot.itest.stormkillmatrix.faults", fault.name())) {
                continue;
            }
            // Before the first round no tuple has come: the bolt task has no partition yet.
            topologyId = awaitRunning(c, fault.ordinal() > 0);
            Totals after = round(c, fault, topologyId, before);
            if (after == null) {
                note(String.format("%s (%s): its remaining faults are skipped", c.name(), c.guarantee()));
                break;
            }
            before = after;
        }
        KillMatrixChecks.Verdict verdict = KillMatrixChecks.sequences(c.name(), c.guarantee(), nextSeq.get(c.name()),
                outputs.of(c.sink()));
        note(String.format("%s (%s) in all: %s", c.name(), c.guarantee(), verdict.summary()));
        violations.addAll(verdict.violations());

        String lastTopology = topologyId;
        HttpResponse<String> stopped = http.post("/streams/" + c.name() + "/stop", "", "admin", password);
        assertEquals(stopped.body(), 202, stopped.statusCode());
        Eventually.within(Duration.ofSeconds(120), () -> {
            assertFalse("the topology still runs", topologyNames().contains(c.topology()));
            assertEquals("workers of " + lastTopology, List.of(), node.stormWorkers(lastTopology));
        });
        HttpResponse<String> deleted = http.delete("/streams/" + c.name(), "admin", password);
        assertEquals(deleted.body(), 204, deleted.statusCode());
        note(String.format("%s (%s): stopped and deleted; its matrix took %d s", c.name(), c.guarantee(),
                (System.currentTimeMillis() - began) / 1000));
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
        String detail = inject(fault, topologyId);
        sender.join(Duration.ofMinutes(5).toMillis());
        assertFalse("the burst did not end", sender.isAlive());
        assertEquals("sends Kafka did not acknowledge: " + burst.firstFailure.get(), 0, burst.failures.get());
        detail += recover(fault, topologyId);
        long since = fault == Fault.NONE ? burstFrom : faultAt;

        long completeAfter = awaitComplete(c, since);
        if (fault != Fault.NONE) {
            detail += "; worker(s) now " + node.stormWorkers(topologyId);
        }
        Map<String, Integer> sent = nextSeq.get(c.name());
        List<OutputLog.Output> read = outputs.of(c.sink());
        Totals totals = totals(sent, read);
        int sentInAll = sent.values().stream().mapToInt(Integer::intValue).sum();
        note(String.format("%s, %s: %,d readings sent (%,d in all), %,d outputs, %,d missing (+%,d), %,d repeated "
                + "(+%,d), %s%s", c.guarantee(), fault.description, burst.readings.get(), sentInAll, read.size(),
                totals.missing(), totals.missing() - before.missing(), totals.repeated(),
                totals.repeated() - before.repeated(),
                completeAfter < 0 ? "NOT complete " + COMPLETE_LIMIT.toSeconds() + " s after the recovery"
                        : String.format("complete %.1f s after the %s", completeAfter / 1000.0,
                                fault == Fault.NONE ? "burst began" : "fault"),
                detail));
        if (totals.repeated() > before.repeated()) {
            List<String> added = new ArrayList<>(totals.firstRepeats());
            added.removeAll(before.firstRepeats());
            note(String.format("%s, %s: repeated readings (device#seq, up to 20) %s", c.guarantee(), fault.description,
                    added));
        }
        if (completeAfter < 0) {
            violations.add(c.name() + " (" + c.guarantee() + "): output not complete " + COMPLETE_LIMIT.toSeconds()
                    + " s after the recovery from the " + fault.description);
            return null;
        }
        // The checks are of the whole output so far; what this round added is what its fault did.
        long lost = totals.missing() - before.missing();
        long repeated = totals.repeated() - before.repeated();
        if (lost > 0 && !c.guarantee().equals(AT_MOST_ONCE)) {
            violations.add(String.format("%s (%s), %s: %d readings lost", c.name(), c.guarantee(), fault.description, lost));
        }
        if (repeated > 0 && !c.guarantee().equals(AT_LEAST_ONCE)) {
            violations.add(String.format("%s (%s), %s: %d readings repeated", c.name(), c.guarantee(), fault.description,
                    repeated));
        }
        return totals;
    }

    /** Injects the fault; returns what the report should say about it. */
    private String inject(Fault fault, String topologyId) throws Exception {
        switch (fault) {
            case NONE -> {
                return "";
            }
            case WORKER -> {
                List<Long> workers = node.stormWorkers(topologyId);
                assertEquals("one worker JVM runs " + topologyId + ": " + workers, 1, workers.size());
                kill(workers.get(0));
                return "; worker " + workers.get(0) + " killed";
            }
            case NIMBUS -> {
                return "; Nimbus " + kill(daemonPid("nimbus")) + " killed";
            }
            case SUPERVISOR -> {
                return "; Supervisor " + kill(daemonPid("supervisor")) + " killed";
            }
            case PAUSED_WORKER -> {
                List<Long> workers = node.stormWorkers(topologyId);
                assertEquals("one worker JVM runs " + topologyId + ": " + workers, 1, workers.size());
                signal("STOP", workers.get(0));
                try {
                    Thread.sleep(PAUSE_SECONDS * 1000L);
                } finally {
                    signal("CONT", workers.get(0));
                }
                return "; worker " + workers.get(0) + " paused " + PAUSE_SECONDS + " s and resumed";
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
            default -> throw new IllegalArgumentException(fault.name());
        }
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
    private String recover(Fault fault, String topologyId) throws Exception {
        switch (fault) {
            case NONE, WORKER, PAUSED_WORKER, BROKER -> {
                return "";
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
     * Waits until the stream runs on Storm: its topology active, one worker JVM, and with
     * {@code boltTasks} its bolt task reporting both source partitions running (a bolt task takes a
     * partition, and reports it, when the partition's first tuple comes). Returns the topology id.
     */
    private String awaitRunning(Case c, boolean boltTasks) throws Exception {
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
            assertEquals(status.toString(), boltTasks ? List.of(c.input() + "-0 RUNNING", c.input() + "-1 RUNNING")
                    : List.of(), reported);
            assertEquals("worker JVMs of " + topology, 1, node.stormWorkers(topology).size());
            topologyId[0] = topology;
        });
        return topologyId[0];
    }

    /**
     * Waits until the stream's group has committed its whole input and, unless at-most-once, every reading
     * sent is in the output; then until the output has not grown for {@link #QUIET}. Returns the ms from
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
        if (c.guarantee().equals(AT_MOST_ONCE)) {
            return true;
        }
        return totals(nextSeq.get(c.name()), outputs.of(c.sink())).missing() == 0;
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
     * number of that device, and a noise record among every {@link #NOISE_EVERY}. Counts down
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
                    send(index % PARTITIONS, device, "{\"deviceId\":\"" + device + "\",\"kind\":\"reading\",\"seq\":"
                            + seq + ",\"temp\":" + TelemetryFeed.temperature(device, seq) + "}");
                    seqs.put(device, seq + 1);
                    readings.incrementAndGet();
                    if (i % NOISE_EVERY == NOISE_EVERY - 1) {
                        send(index % PARTITIONS, device, "{\"deviceId\":\"" + device + "\",\"kind\":\"noise\"}");
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

        private void send(int partition, String device, String value) {
            producer.send(new ProducerRecord<>(c.input(), partition, device, value), (metadata, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                    firstFailure.compareAndSet(null, error);
                }
            });
        }
    }
}
