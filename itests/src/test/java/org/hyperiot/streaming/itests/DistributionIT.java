package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Boots the built distribution exactly as a user does, through {@code bin/streaming}, with every
 * remote Maven repository switched off: everything it needs must come from its own system/ folder.
 */
public class DistributionIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path home;
    private int httpPort;
    private final String password = "pw-" + UUID.randomUUID();
    private DistributionNode node;

    @Before
    public void offlineDistribution() throws IOException {
        home = KarafOptions.WORK.resolve("dist-home-" + UUID.randomUUID());
        httpPort = Ports.free();
        node = new DistributionNode(home, httpPort, password,
                Map.of("STREAMING_KAFKA_PORT", Integer.toString(Ports.freePair())));
        Path mavenConfig = KarafOptions.DISTRIBUTION.resolve("etc/org.ops4j.pax.url.mvn.cfg");
        List<String> lines = new ArrayList<>();
        boolean continuation = false;
        for (String line : Files.readAllLines(mavenConfig)) {
            // Drop the remote repository list (a multi-line value) and any local repository setting.
            if (line.startsWith("org.ops4j.pax.url.mvn.repositories") || line.startsWith("org.ops4j.pax.url.mvn.localRepository")) {
                continuation = line.endsWith("\\");
                continue;
            }
            if (continuation) {
                continuation = line.endsWith("\\");
                continue;
            }
            lines.add(line);
        }
        lines.add("org.ops4j.pax.url.mvn.repositories =");
        lines.add("org.ops4j.pax.url.mvn.localRepository = " + home.resolve("no-maven-repository"));
        Files.write(mavenConfig, lines);
    }

    @After
    public void stopEverything() throws Exception {
        node.stop();
    }

    @Test
    public void startsOfflineServesHealthAndKeepsBrokerDataAcrossStopAndStart() throws Exception {
        // This node runs the embedded Storm too (on free ports): stop must leave none of its processes either.
        Map<String, String> environment = DistributionNode.withEmbeddedStorm(Ports.freePair());
        int nimbusPort = Integer.parseInt(environment.get("STORM_NIMBUS_PORT"));
        node = new DistributionNode(home, httpPort, password, environment);
        String startOutput = node.start();
        assertTrue(startOutput, startOutput.contains("UP: REST API at http://127.0.0.1:" + httpPort + "/streaming/api/v1"));
        assertTrue(startOutput, startOutput.contains("starting the embedded Storm"));
        String stormConfig = Files.readString(home.resolve("etc/org.hyperiot.streaming.storm.cfg"));
        assertTrue(stormConfig, stormConfig.contains("nimbus.seeds = 127.0.0.1")
                && stormConfig.contains("nimbus.thrift.port = " + nimbusPort));
        assertTrue("no Storm daemons: " + node.processes(), node.processes().size() >= 5);
        // The README's default heap, the minimum equal to the maximum, on the running JVM itself.
        long karafPid = node.karafProcess().orElseThrow().pid();
        List<String> jvmArguments = List.of(Files.readString(Path.of("/proc", Long.toString(karafPid), "cmdline"),
                StandardCharsets.UTF_8).split("\0"));
        assertTrue(jvmArguments.toString(), jvmArguments.contains("-Xmx1024m") && jvmArguments.contains("-Xms1024m"));

        Http http = new Http("http://127.0.0.1:" + httpPort + "/streaming/api/v1");
        HttpResponse<String> health = http.get("/health", "admin", password);
        assertEquals(health.body(), 200, health.statusCode());
        String clusterId = JSON.readTree(health.body()).path("components").path("kafka").path("clusterId").asText();
        assertFalse(health.body(), clusterId.isEmpty());
        assertEquals("{\"status\":\"UP\"}", http.get("/health", null, null).body());
        assertEquals(401, http.get("/cluster", null, null).statusCode());
        assertEquals(401, http.get("/health", "admin", "not-the-password").statusCode());

        HttpResponse<String> created = http.post("/kafka/topics", "{\"name\":\"survives-restart\",\"partitions\":2}",
                "admin", password);
        assertEquals(created.body(), 201, created.statusCode());
        String usersFile = Files.readString(home.resolve("etc/users.properties"));
        assertFalse("the admin password is stored in clear", usersFile.contains(password));

        String stopOutput = node.stop();
        assertTrue(stopOutput, stopOutput.contains("stopped"));
        assertTrue("processes left behind: " + node.processes(), node.processes().isEmpty());

        node.start();
        JsonNode topics = JSON.readTree(http.get("/kafka/topics", "admin", password).body());
        assertTrue(topics.toString(), topics.toString().contains("\"survives-restart\""));
        JsonNode kafka = JSON.readTree(http.get("/health", "admin", password).body()).path("components").path("kafka");
        assertEquals("the broker's data was not kept", clusterId, kafka.path("clusterId").asText());
        String karafLog = node.karafLog();
        assertFalse("Karaf tried a remote repository", karafLog.contains("Error resolving artifact"));
    }

    /**
     * The README's "first stream", as a newcomer types it: the topics and the stream definition from
     * the README itself over REST, readings sent with {@code bin/streaming shell kafka:send}, the window
     * results read back with {@code kafka:consume}.
     */
    @Test
    public void theReadmesFirstStreamGivesItsWindowResults() throws Exception {
        node.start();
        Http http = node.http();
        assertEquals(201, http.post("/kafka/topics", "{\"name\":\"telemetry\",\"partitions\":2}", "admin", password).statusCode());
        assertEquals(201, http.post("/kafka/topics", "{\"name\":\"temp-avg\",\"partitions\":1}", "admin", password).statusCode());
        HttpResponse<String> created = http.post("/streams", readmeStreamDefinition(), "admin", password);
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals(202, http.post("/streams/device-temp-avg/start", "", "admin", password).statusCode());

        long now = System.currentTimeMillis();
        for (int i = 0; i < 3; i++) {
            String sent = node.shell(reading(now + i * 1000L, "2" + i + ".5"));
            assertTrue(sent, sent.contains("Sent to telemetry-"));
        }
        node.shell(reading(now + 15_000, "20.0"));

        Eventually.within(Duration.ofSeconds(90), () -> {
            String output = node.shell("kafka:consume temp-avg");
            long count = 0;
            double sum = 0;
            for (String line : output.split("\n")) {
                int json = line.indexOf('{');
                if (line.matches("\\d+:\\d+ .*") && json > 0) {
                    JsonNode window = JSON.readTree(line.substring(json));
                    assertEquals(line, "d1", window.path("key").asText());
                    count += window.path("n").asLong();
                    sum += window.path("n").asLong() * window.path("avgTemp").asDouble();
                }
            }
            assertEquals(output, 3, count);
            assertEquals(output, 21.5, sum / count, 1e-9);
        });
    }

    private static String reading(long eventTime, String temperature) {
        return "kafka:send --key d1 telemetry '{\"deviceId\":\"d1\",\"ts\":" + eventTime + ",\"temp\":" + temperature + "}'";
    }

    /** The stream definition exactly as the README's first-stream curl call sends it. */
    private static String readmeStreamDefinition() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        int name = readme.indexOf("\"name\": \"device-temp-avg\"");
        assertTrue("the README has no device-temp-avg stream", name > 0);
        int start = readme.lastIndexOf("-d '", name) + 4;
        int end = readme.indexOf("' $API/streams", name);
        return readme.substring(start, end);
    }
}
