package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 15: a definitions topic that Kafka created with the broker's defaults ({@code cleanup.policy=delete},
 * seven days of retention) would lose every stream after a week. The topic is created that way before Karaf
 * boots and named as the runtime's {@code definitions.topic}; the node must not use it, say why in
 * {@code /health} and refuse stream requests at once, leave the topic as it is, and start working once an
 * operator makes it compacted, without a restart.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class UnfitDefinitionsTopicIT extends StreamingKarafTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String TOPIC_PROPERTY = "hyperiot.itest.unfit.definitions.topic";

    /** Runs in the driver JVM: the topic exists, unfit, before the runtime first looks at it. */
    @Override
    @Configuration
    public Option[] configuration() {
        List<Option> options = new ArrayList<>(Arrays.asList(super.configuration()));
        BrokerProcess broker = TestBroker.startOnce();
        String topic = "itest-unfit-definitions-" + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            // No settings: the broker's defaults, as Kafka's automatic topic creation would leave it.
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create " + topic + " on the test broker", e);
        }
        options.add(editConfigurationFilePut("etc/org.hyperiot.streaming.runtime.cfg", "definitions.topic", topic));
        options.add(systemProperty(TOPIC_PROPERTY).value(topic));
        return options.toArray(new Option[0]);
    }

    @Test
    public void aDefinitionsTopicWithTheDeletePolicyIsRefusedVisiblyUntilItIsMadeCompacted() throws Exception {
        String topic = System.getProperty(TOPIC_PROPERTY);
        Http http = new Http("http://127.0.0.1:" + System.getProperty("hyperiot.itest.http.port") + "/streaming/api/v1");
        Eventually.within(WAIT, () -> {
            HttpResponse<String> health = http.get("/health", "viewer", "viewerpw");
            assertEquals(health.body(), 503, health.statusCode());
            JsonNode components = JSON.readTree(health.body()).path("components");
            assertEquals(health.body(), "UP", components.path("kafka").path("status").asText());
            JsonNode runtime = components.path("streamRuntime");
            assertEquals(health.body(), "DOWN", runtime.path("status").asText());
            assertEquals(health.body(), "unfit", runtime.path("definitionsTopicCheck").asText());
            String error = runtime.path("error").asText();
            assertTrue(error, error.contains("Topic " + topic + " has cleanup.policy=delete"));
            assertTrue(error, error.contains("--add-config cleanup.policy=compact"));
            assertTrue(error, error.contains("set definitions.topic in org.hyperiot.streaming.runtime"));
        });
        assertEquals("{\"status\":\"DOWN\"}", http.get("/health", null, null).body());

        String stream = """
                {"name":"unfit-probe","source":{"topics":["itest-unfit-in"]},
                 "pipeline":[{"op":"filter","where":{"field":"temp","gt":25}}],"sink":{"topic":"itest-unfit-out"}}""";
        long started = System.nanoTime();
        HttpResponse<String> create = http.post("/streams", stream, "admin", "adminpw");
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(create.body(), 503, create.statusCode());
        JsonNode problem = JSON.readTree(create.body());
        assertEquals("STREAMS_UNAVAILABLE", problem.path("code").asText());
        assertTrue(create.body(), problem.path("detail").asText().contains("cleanup.policy=delete"));
        assertTrue("refused at once, not after a write timeout: " + tookMs + " ms", tookMs < 5_000);
        HttpResponse<String> list = http.get("/streams", "viewer", "viewerpw");
        assertEquals(list.body(), 503, list.statusCode());
        // Not "fixed" behind the operator's back.
        assertEquals("delete", topicAdmin.describeTopic(topic).orElseThrow().configs().get("cleanup.policy"));

        // The operator follows the advice; the node notices at its next check, without a restart.
        try (Admin admin = connector.newAdmin(Map.of())) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic),
                    List.of(new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET))))
                    .all().get(60, TimeUnit.SECONDS);
        }
        Eventually.within(WAIT, () -> {
            HttpResponse<String> health = http.get("/health", "viewer", "viewerpw");
            assertEquals(health.body(), 200, health.statusCode());
        });
        HttpResponse<String> created = http.post("/streams", stream, "admin", "adminpw");
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals(200, http.get("/streams/unfit-probe", "viewer", "viewerpw").statusCode());

        Path karafLog = Path.of(System.getProperty("karaf.data"), "log", "karaf.log");
        List<String> errors = Files.readAllLines(karafLog, StandardCharsets.UTF_8).stream()
                .filter(line -> line.contains("ERROR") && line.contains("Topic " + topic + " has cleanup.policy=delete"))
                .toList();
        assertEquals("the unfit topic is logged once at ERROR: " + errors, 1, errors.size());
        assertEquals(204, http.delete("/streams/unfit-probe", "admin", "adminpw").statusCode());
    }
}
