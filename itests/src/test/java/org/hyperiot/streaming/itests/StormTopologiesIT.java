package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.hyperiot.streaming.localstorm.Listeners;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.experimental.categories.Category;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Storm connector in the built distribution against the embedded Storm of {@code bin/streaming}
 * (ZooKeeper, Nimbus, a Supervisor whose workers are real JVMs) and its SCRAM-secured broker: the
 * example topology bundle installed with {@code feature:install hyperiot-streaming-examples}, its
 * alerts counted record by record through every step — deactivate and activate, rebalance to two
 * worker JVMs, a configuration change that redeploys it (never two copies), Nimbus killed with -9 and
 * brought back by {@code bin/streaming start}, and {@code feature:uninstall}, which kills it.
 */
@Category(OneAtATime.class)
public class StormTopologiesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPOLOGY = "example-alerts";
    private static final String READINGS = "storm-readings";
    private static final String ALERTS = "storm-alerts";
    private static final String INVALID = "storm-readings-invalid";
    /** The connector's kill wait in this test (its minimum): every redeploy and kill waits this long. */
    private static final int KILL_WAIT_SECONDS = 5;

    private final String password = "pw-" + UUID.randomUUID();
    private final int kafkaPort = Ports.freePair();
    private Path home;
    private DistributionNode node;
    private Http http;
    private KafkaProducer<String, String> producer;
    private OutputLog output;
    /** Readings sent so far: the n-th has ts = n, so each alert names the reading it came from. */
    private int sent;

    @Before
    public void startNodeWithEmbeddedStorm() throws Exception {
        node = DistributionNode.startedWithEmbeddedStorm("storm-home", password, kafkaPort, Map.of(
                DistributionNode.configOverride("org.hyperiot.streaming.storm", "kill.wait.seconds"),
                Integer.toString(KILL_WAIT_SECONDS)));
        home = node.home();
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
    public void theExampleTopologyIsDeployedControlledRedeployedAndKilledWithEveryAlertCounted() throws Exception {
        for (String topic : List.of(READINGS, ALERTS, INVALID)) {
            assertEquals(201, http.post("/kafka/topics", "{\"name\":\"" + topic + "\",\"partitions\":2}", "admin", password)
                    .statusCode());
        }
        Map<String, Object> client = node.kafkaClient(kafkaPort);
        producer = new KafkaProducer<>(client, new StringSerializer(), new StringSerializer());
        output = new OutputLog(client, List.of(new TopicPartition(ALERTS, 0), new TopicPartition(ALERTS, 1),
                new TopicPartition(INVALID, 0), new TopicPartition(INVALID, 1)));

        // Installed: deployed from the bundle, with the executors the bundle asked for.
        node.shell("feature:install hyperiot-streaming-examples");
        JsonNode deployed = awaitTopology(details -> details.path("status").asText().equals("ACTIVE")
                && details.path("workers").asInt() == 1, Duration.ofSeconds(120));
        assertEquals("bundle:hyperiot-streaming-example-storm", deployed.path("owner").asText());
        assertEquals(Map.of("readings", 1), executors(deployed, "spouts"));
        assertEquals(Map.of("threshold", 2, "writer", 1), executors(deployed, "bolts"));

        // Every hot reading becomes one alert, every malformed record an invalid one (at-least-once: no loss).
        Set<Integer> hot = send(40, 31.0, 4);
        sendMalformed(3);
        awaitAlerts(hot, Duration.ofSeconds(120));
        Eventually.within(Duration.ofSeconds(60), () -> assertEquals(3, output.of(INVALID).stream()
                .filter(record -> record.value().contains("\"error\":\"not JSON")).count()));

        // Deactivated, the spout emits nothing: readings sent meanwhile raise no alert until activated. Nimbus
        // records the status at once; the workers see it at their next refresh (task.refresh.poll.secs, 10 s),
        // and the spout's executor logs when it deactivates the spout.
        String firstId = deployed.path("id").asText();
        long deactivations = workerLogLines(firstId, "Deactivating spout readings");
        assertEquals(202, postStatus("/topologies/" + TOPOLOGY + "/deactivate", ""));
        assertEquals("INACTIVE", topology().path("status").asText());
        Eventually.within(Duration.ofSeconds(60), () -> assertTrue("the spout is not deactivated yet",
                workerLogLines(firstId, "Deactivating spout readings") > deactivations));
        Set<Integer> whileInactive = send(20, 35.0, 2);
        Thread.sleep(8_000); // how long the topology must stay silent: longer than the spout's 1 s commit and poll
        assertTrue("alerts while inactive", alertedTs().stream().noneMatch(whileInactive::contains));
        assertEquals(202, postStatus("/topologies/" + TOPOLOGY + "/activate", ""));
        awaitAlerts(union(hot, whileInactive), Duration.ofSeconds(60));

        // storm:rebalance to two workers: two worker JVMs of this Storm, tuples crossing between them.
        String rebalanced = node.shell("storm:rebalance -n 2 -w " + KILL_WAIT_SECONDS + " " + TOPOLOGY);
        assertTrue(rebalanced, rebalanced.contains(TOPOLOGY));
        JsonNode twoWorkers = awaitTopology(details -> details.path("workers").asInt() == 2
                && details.path("workerProcesses").size() == 2
                && details.path("status").asText().equals("ACTIVE"), Duration.ofSeconds(120));
        String topologyId = twoWorkers.path("id").asText();
        Eventually.within(Duration.ofSeconds(60), () -> assertEquals(2, node.stormWorkers(topologyId).size()));
        Set<Integer> afterRebalance = send(20, 33.0, 2);
        // Tuples that met a worker still starting time out (60 s) and are replayed: allow for that twice.
        awaitAlerts(union(hot, whileInactive, afterRebalance), Duration.ofSeconds(240));

        // A changed configuration redeploys: kill with the wait, Nimbus forgets it, then the new one; never two.
        Set<String> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> watch(ids, mostAtOnce, watching), "topology-watcher");
        watcher.start();
        node.shell("config:property-set -p org.hyperiot.streaming.example.storm threshold 25");
        JsonNode redeployed = awaitTopology(details -> !details.path("id").asText().equals(topologyId)
                && details.path("status").asText().equals("ACTIVE") && details.path("workers").asInt() == 1,
                Duration.ofSeconds(180));
        Eventually.within(Duration.ofSeconds(10), () -> assertTrue(ids.contains(redeployed.path("id").asText())));
        watching.set(false);
        watcher.join();
        assertEquals("copies of the topology seen at once", 1, mostAtOnce.get());
        assertEquals(Set.of(topologyId, redeployed.path("id").asText()), ids);
        Set<Integer> warm = send(10, 27.0, 1);
        awaitAlerts(union(hot, whileInactive, afterRebalance, warm), Duration.ofSeconds(120));
        assertTrue(output.of(ALERTS).stream().anyMatch(record -> record.value().contains("\"threshold\":25.0")));

        // Nimbus killed with -9: the API says Storm is unreachable; bin/streaming start brings it back, control works.
        long nimbus = Long.parseLong(Files.readString(home.resolve("run/storm-nimbus.pid")).trim());
        ProcessHandle nimbusProcess = ProcessHandle.of(nimbus).orElseThrow();
        nimbusProcess.destroyForcibly();
        nimbusProcess.onExit().get();
        Eventually.within(Duration.ofSeconds(30), () -> assertEquals(503,
                http.get("/topologies", "admin", password).statusCode()));
        String restarted = node.start();
        assertTrue(restarted, restarted.contains("UP"));
        Eventually.within(Duration.ofSeconds(120), () -> {
            assertEquals(202, postStatus("/topologies/" + TOPOLOGY + "/deactivate", ""));
            assertEquals("INACTIVE", topology().path("status").asText());
        });
        assertEquals(202, postStatus("/topologies/" + TOPOLOGY + "/activate", ""));
        Set<Integer> afterNimbus = send(10, 29.0, 1);
        awaitAlerts(union(hot, whileInactive, afterRebalance, warm, afterNimbus), Duration.ofSeconds(120));

        // Every listening socket of the node's processes (Karaf, broker, Storm daemons, workers) is on loopback.
        for (long pid : node.processes()) {
            for (InetSocketAddress listening : Listeners.of(pid)) {
                assertTrue(pid + " " + commandLine(pid) + " listens on " + listening,
                        listening.getAddress().isLoopbackAddress());
            }
        }

        // Uninstalled: the connector kills it, after the wait, and its workers go.
        long uninstalledAt = System.nanoTime();
        node.shell("feature:uninstall hyperiot-streaming-examples");
        Eventually.within(Duration.ofSeconds(120), () -> assertEquals("[]", http.get("/topologies", "admin", password).body()));
        assertTrue("removed before the kill wait",
                Duration.ofNanos(System.nanoTime() - uninstalledAt).toSeconds() >= KILL_WAIT_SECONDS);
        Eventually.within(Duration.ofSeconds(120), () -> assertEquals(List.of(), node.stormWorkers("")));
    }

    /** Lines of the topology's worker logs (under the node's {@code storm/logs/workers-artifacts}) containing {@code text}. */
    private long workerLogLines(String topologyId, String text) throws IOException {
        Path logs = home.resolve("storm/logs/workers-artifacts").resolve(topologyId);
        if (!Files.isDirectory(logs)) {
            return 0;
        }
        long lines = 0;
        try (var files = Files.walk(logs)) {
            for (Path log : (Iterable<Path>) files.filter(file -> file.getFileName().toString().equals("worker.log"))::iterator) {
                try (var read = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                    lines += read.filter(line -> line.contains(text)).count();
                }
            }
        }
        return lines;
    }

    /** Sends {@code count} readings, every {@code everyHot}-th at {@code hotTemp} and the rest at 20; returns the hot ones' ts. */
    private Set<Integer> send(int count, double hotTemp, int everyHot) throws Exception {
        Set<Integer> hot = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int ts = ++sent;
            boolean isHot = i % everyHot == 0;
            String device = "d" + (ts % 5);
            producer.send(new ProducerRecord<>(READINGS, device, "{\"deviceId\":\"" + device + "\",\"ts\":" + ts
                    + ",\"temp\":" + (isHot ? hotTemp : 20.0) + "}")).get();
            if (isHot) {
                hot.add(ts);
            }
        }
        return hot;
    }

    private void sendMalformed(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(READINGS, "bad", "not json " + i)).get();
        }
    }

    /** Waits until the alerts name exactly {@code expected} (each at least once: redeliveries may repeat one). */
    private void awaitAlerts(Set<Integer> expected, Duration timeout) throws Exception {
        Eventually.within(timeout, () -> assertEquals(new TreeSet<>(expected), new TreeSet<>(alertedTs())));
    }

    private Set<Integer> alertedTs() throws Exception {
        Set<Integer> ts = new HashSet<>();
        for (OutputLog.Output alert : output.of(ALERTS)) {
            JsonNode json = JSON.readTree(alert.value());
            assertEquals(alert.value(), json.path("deviceId").asText(), alert.key());
            ts.add(json.path("ts").asInt());
        }
        return ts;
    }

    @SafeVarargs
    private static Set<Integer> union(Set<Integer>... sets) {
        Set<Integer> all = new HashSet<>();
        for (Set<Integer> set : sets) {
            all.addAll(set);
        }
        return all;
    }

    private JsonNode topology() throws Exception {
        HttpResponse<String> response = http.get("/topologies/" + TOPOLOGY, "admin", password);
        assertEquals(response.body(), 200, response.statusCode());
        return JSON.readTree(response.body());
    }

    private JsonNode awaitTopology(Predicate<JsonNode> condition, Duration timeout) throws Exception {
        JsonNode[] found = new JsonNode[1];
        Eventually.within(timeout, () -> {
            JsonNode details = topology();
            assertTrue(details.toString(), condition.test(details));
            found[0] = details;
        });
        return found[0];
    }

    private int postStatus(String path, String body) throws Exception {
        return http.post(path, body, "admin", password).statusCode();
    }

    private static Map<String, Integer> executors(JsonNode details, String kind) {
        Map<String, Integer> executors = new HashMap<>();
        details.path(kind).forEach(component -> executors.put(component.path("id").asText(),
                component.path("executors").asInt()));
        return executors;
    }

    /** Lists the topologies every 100 ms, recording the ids under the example's name and the most seen at once. */
    private void watch(Set<String> ids, AtomicInteger mostAtOnce, AtomicBoolean watching) {
        while (watching.get()) {
            try {
                HttpResponse<String> listed = http.get("/topologies", "admin", password);
                if (listed.statusCode() == 200) {
                    List<String> named = new ArrayList<>();
                    JSON.readTree(listed.body()).forEach(summary -> {
                        if (summary.path("name").asText().equals(TOPOLOGY)) {
                            named.add(summary.path("id").asText());
                        }
                    });
                    mostAtOnce.accumulateAndGet(named.size(), Math::max);
                    ids.addAll(named);
                }
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // One listing that failed (the API busy): the next one counts.
            }
        }
    }

    private static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
