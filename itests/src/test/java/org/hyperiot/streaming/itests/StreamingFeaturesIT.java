package org.hyperiot.streaming.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.hyperiot.streaming.api.kafka.ClusterMessaging;
import org.hyperiot.streaming.api.kafka.KafkaProducerPool;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.ops4j.pax.exam.util.Filter;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Installs {@code hyperiot-streaming} into a stock Karaf with {@code feature:install} semantics and
 * checks it against a real, separately running Kafka broker.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StreamingFeaturesIT extends StreamingKarafTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Set<String> OUR_BUNDLES = Set.of("org.hyperiot.streaming.api", "org.hyperiot.streaming.engine",
            "org.hyperiot.streaming.kafka.clients", "org.hyperiot.streaming.kafka", "org.hyperiot.streaming.rest",
            "org.hyperiot.streaming.shell", "org.hyperiot.streaming.console");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private BundleContext bundleContext;

    @Inject
    @Filter(timeout = 120_000)
    private ServiceComponentRuntime componentRuntime;


    @Inject
    @Filter(timeout = 120_000)
    private ClusterMessaging cluster;

    @Test
    public void everyBundleOfOursIsActiveAndEveryComponentSatisfied() throws Exception {
        Eventually.within(WAIT, () -> {
            List<String> found = new ArrayList<>();
            for (Bundle bundle : bundleContext.getBundles()) {
                if (!bundle.getSymbolicName().startsWith("org.hyperiot.streaming")) {
                    continue;
                }
                found.add(bundle.getSymbolicName());
                assertEquals(bundle.getSymbolicName() + " is not active", Bundle.ACTIVE, bundle.getState());
                for (ComponentDescriptionDTO description : componentRuntime.getComponentDescriptionDTOs(bundle)) {
                    Collection<ComponentConfigurationDTO> configurations =
                            componentRuntime.getComponentConfigurationDTOs(description);
                    assertFalse(description.name + " has no configuration", configurations.isEmpty());
                    for (ComponentConfigurationDTO configuration : configurations) {
                        assertTrue(description.name + " is unsatisfied (state " + configuration.state + ")",
                                configuration.state == ComponentConfigurationDTO.ACTIVE
                                        || configuration.state == ComponentConfigurationDTO.SATISFIED);
                    }
                }
            }
            assertTrue("bundles found: " + found, found.containsAll(OUR_BUNDLES));
        });
    }

    @Test
    public void lz4CompressionUsesItsNativeLibraryAsOutsideOsgi() throws Exception {
        // The connector loads it before its first client; the health check's admin client is one.
        Eventually.within(WAIT, () -> assertEquals(200, http().get("/health", null, null).statusCode()));
        Bundle lz4 = null;
        for (Bundle bundle : bundleContext.getBundles()) {
            if ("lz4-java".equals(bundle.getSymbolicName())) {
                lz4 = bundle;
            }
        }
        assertNotNull("the lz4-java bundle is installed", lz4);
        // Through the bundle's own loader: the probe imports nothing of lz4-java.
        Object loaded = lz4.loadClass("net.jpountz.util.Native").getMethod("isLoaded").invoke(null);
        assertEquals("lz4-java's native library is loaded", Boolean.TRUE, loaded);
        Object codec = lz4.loadClass("net.jpountz.lz4.LZ4Factory").getMethod("fastestInstance").invoke(null);
        assertEquals("the codec kafka-clients gets", "LZ4Factory:JNI", codec.toString());
    }

    @Test
    public void healthIsUpWithKafkaDetailsForViewersOnly() throws Exception {
        Eventually.within(WAIT, () -> {
            HttpResponse<String> response = http().get("/health", "viewer", "viewerpw");
            assertEquals(response.body(), 200, response.statusCode());
            JsonNode kafka = JSON.readTree(response.body()).path("components").path("kafka");
            assertEquals("UP", kafka.path("status").asText());
            assertFalse(kafka.path("clusterId").asText().isEmpty());
            assertEquals(1, kafka.path("brokers").asInt());
        });
        HttpResponse<String> anonymous = http().get("/health", null, null);
        assertEquals(200, anonymous.statusCode());
        assertEquals("{\"status\":\"UP\"}", anonymous.body());
    }

    @Test
    public void healthIsDownWhileTheBrokerIsStoppedAndUpAfterItRestarts() throws Exception {
        BrokerProcess broker = new BrokerProcess(Path.of(System.getProperty("hyperiot.itest.broker.classpath")),
                Path.of(System.getProperty("hyperiot.itest.broker.data")),
                Integer.parseInt(System.getProperty("hyperiot.itest.broker.port")));
        Eventually.within(WAIT, () -> assertEquals(200, http().get("/health", null, null).statusCode()));
        broker.stop();
        try {
            Eventually.within(WAIT, () -> {
                HttpResponse<String> response = http().get("/health", "admin", "adminpw");
                assertEquals(response.body(), 503, response.statusCode());
                JsonNode body = JSON.readTree(response.body());
                assertEquals("DOWN", body.path("status").asText());
                assertEquals("DOWN", body.path("components").path("kafka").path("status").asText());
                assertFalse(body.path("components").path("kafka").path("error").asText().isEmpty());
            });
        } finally {
            broker.start();
        }
        Eventually.within(WAIT, () -> {
            HttpResponse<String> response = http().get("/health", "admin", "adminpw");
            assertEquals(response.body(), 200, response.statusCode());
        });
    }

    @Test
    public void routesAskForCredentialsAndTheRightRole() throws Exception {
        Eventually.within(WAIT, () -> assertEquals(200, http().get("/cluster", "viewer", "viewerpw").statusCode()));

        HttpResponse<String> anonymous = http().get("/cluster", null, null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        assertProblem(anonymous, "UNAUTHORIZED");

        assertProblem(http().get("/health", "viewer", "wrong"), "UNAUTHORIZED");

        String topic = "{\"name\":\"itest-access-" + UUID.randomUUID() + "\",\"partitions\":1}";
        HttpResponse<String> viewerPost = http().post("/kafka/topics", topic, "viewer", "viewerpw");
        assertEquals(403, viewerPost.statusCode());
        assertProblem(viewerPost, "FORBIDDEN");
        assertEquals(403, http().post("/kafka/topics", topic, "manager", "managerpw").statusCode());

        JsonNode cluster = JSON.readTree(http().get("/cluster", "viewer", "viewerpw").body());
        assertEquals("microservices", cluster.path("layer").asText());
        assertEquals("1", cluster.path("nodeId").asText());
        assertEquals("UP", cluster.path("kafka").path("status").asText());
    }

    @Test
    public void adminsManageTopicsAndBadInputGetsAProblemNotA500() throws Exception {
        String name = "itest-topic-" + UUID.randomUUID();
        HttpResponse<String> created = http().post("/kafka/topics",
                "{\"name\":\"" + name + "\",\"partitions\":3,\"configs\":{\"cleanup.policy\":\"compact\"}}", "admin", "adminpw");
        assertEquals(created.body(), 201, created.statusCode());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/streaming/api/v1/kafka/topics/" + name));

        JsonNode listed = findTopic(JSON.readTree(http().get("/kafka/topics", "viewer", "viewerpw").body()), name);
        assertNotNull(name + " is not listed", listed);
        assertEquals(3, listed.path("partitions").asInt());
        assertEquals("compact", listed.path("configs").path("cleanup.policy").asText());

        assertProblem(http().post("/kafka/topics", "{\"name\":\"" + name + "\"}", "admin", "adminpw"), "TOPIC_EXISTS");
        HttpResponse<String> badName = http().post("/kafka/topics", "{\"name\":\"../etc\"}", "admin", "adminpw");
        assertProblem(badName, "INVALID_REQUEST");
        assertEquals("/name", JSON.readTree(badName.body()).path("errors").path(0).path("pointer").asText());
        assertProblem(http().post("/kafka/topics", "{\"name\":", "admin", "adminpw"), "MALFORMED_JSON");
        assertProblem(http().post("/kafka/topics", "{\"name\":\"x\",\"colour\":\"red\"}", "admin", "adminpw"),
                "INVALID_BODY");
        assertProblem(http().post("/kafka/topics", "{\"name\":\"x\",\"partitions\":\"many\"}", "admin", "adminpw"),
                "INVALID_BODY");
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(http().post("/kafka/topics", huge, "admin", "adminpw"), "PAYLOAD_TOO_LARGE");

        assertEquals(204, http().delete("/kafka/topics/" + name, "admin", "adminpw").statusCode());
        Eventually.within(WAIT, () -> assertProblem(http().delete("/kafka/topics/" + name, "admin", "adminpw"),
                "UNKNOWN_TOPIC"));
        assertProblem(http().get("/no-such-route", "admin", "adminpw"), "NOT_FOUND");
    }

    @Test
    public void aRecordSentThroughTheConnectorIsReadBackFromTheBroker() throws Exception {
        String topic = "itest-roundtrip-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 1, (short) 1, Map.of());
        byte[] value = ("hello " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);

        RecordMetadata metadata = connector.send(new ProducerRecord<>(topic, "device-1".getBytes(StandardCharsets.UTF_8), value))
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(topic, metadata.topic());

        try (Consumer<byte[], byte[]> consumer = connector.newConsumer(Map.of("group.id", "itest-" + UUID.randomUUID()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
            Eventually.within(WAIT, () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                assertEquals(1, received.size());
            });
            assertEquals("device-1", new String(received.get(0).key(), StandardCharsets.UTF_8));
            assertEquals(new String(value, StandardCharsets.UTF_8), new String(received.get(0).value(), StandardCharsets.UTF_8));
            assertEquals(metadata.offset(), received.get(0).offset());
        }
    }

    @Test
    public void kafkaTopicsShellCommandListsTheBrokersTopics() throws Exception {
        String topic = "itest-shell-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 2, (short) 1, Map.of());

        String output = executeCommand("kafka:topics");

        assertTrue(output, output.contains(topic));
        assertTrue(output, output.contains("Partitions"));
    }

    @Test
    public void clusterTopicsAreCreatedAndHeartbeatsMakeTheLiveNodeList() throws Exception {
        Eventually.within(WAIT, () -> {
            Set<String> topics = new java.util.HashSet<>();
            topicAdmin.listTopics().forEach(topic -> topics.add(topic.name()));
            assertTrue(topics.toString(), topics.containsAll(Set.of("hyperiot_layer_microservices",
                    "hyperiot_layer_microservices_1")));
        });
        // Another node of the layer announces itself the way every node does.
        ProducerRecord<byte[], byte[]> heartbeat = new ProducerRecord<>("hyperiot_layer_microservices",
                "7".getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        heartbeat.headers().add("hyperiot.cluster.heartbeat", "7".getBytes(StandardCharsets.UTF_8));
        connector.send(heartbeat).toCompletableFuture().get(60, TimeUnit.SECONDS);

        Eventually.within(WAIT, () -> {
            JsonNode nodes = JSON.readTree(http().get("/cluster", "viewer", "viewerpw").body()).path("nodes");
            List<String> ids = new ArrayList<>();
            nodes.forEach(node -> ids.add(node.path("nodeId").asText()));
            assertEquals(List.of("1", "7"), ids);
        });

        byte[] message = ("to node 1 " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        RecordMetadata sent = cluster.sendToNode("1", null, message).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals("hyperiot_layer_microservices_1", sent.topic());
        assertEquals(new String(message, StandardCharsets.UTF_8), readValue(sent));
    }

    @Test
    public void kafkaSendShellCommandSendsARecord() throws Exception {
        String topic = "itest-send-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 1, (short) 1, Map.of());

        String output = executeCommand("kafka:send --key k1 " + topic + " hello-from-the-shell");

        assertTrue(output, output.contains("Sent to " + topic + "-0 at offset 0"));
        assertEquals("hello-from-the-shell", readValue(new RecordMetadata(new TopicPartition(topic, 0), 0, 0, 0, 0, 0)));

        String consumed = executeCommand("kafka:consume " + topic);
        assertTrue(consumed, consumed.contains("0:0  k1  hello-from-the-shell"));
        assertTrue(consumed, consumed.contains("1 record"));
        String unknown = executeCommand("kafka:consume no-such-topic-" + UUID.randomUUID());
        assertTrue(unknown, unknown.contains("No topic"));
    }

    @Test
    public void adminsAddListAndRemoveAclsOnTheCluster() throws Exception {
        String topic = "itest-acl-" + UUID.randomUUID();
        String acl = "{\"resourceType\":\"TOPIC\",\"resourceName\":\"" + topic + "\",\"principal\":\"User:alice\","
                + "\"operation\":\"READ\"}";
        HttpResponse<String> created = http().post("/kafka/acls", acl, "admin", "adminpw");
        assertEquals(created.body(), 201, created.statusCode());
        assertEquals("LITERAL", JSON.readTree(created.body()).path("patternType").asText());

        Eventually.within(WAIT, () -> assertTrue(http().get("/kafka/acls", "admin", "adminpw").body().contains(topic)));
        assertEquals(403, http().get("/kafka/acls", "viewer", "viewerpw").statusCode());
        HttpResponse<String> badOperation = http().post("/kafka/acls", acl.replace("READ", "FLY"), "admin", "adminpw");
        assertProblem(badOperation, "INVALID_REQUEST");
        assertEquals("/operation", JSON.readTree(badOperation.body()).path("errors").path(0).path("pointer").asText());
        assertProblem(http().delete("/kafka/acls", "admin", "adminpw"), "INVALID_REQUEST");

        HttpResponse<String> removed = http().delete("/kafka/acls?principal=User:alice&resourceName=" + topic,
                "admin", "adminpw");
        assertEquals(removed.body(), 200, removed.statusCode());
        assertEquals(1, JSON.readTree(removed.body()).path("removed").size());
        Eventually.within(WAIT, () -> assertFalse(http().get("/kafka/acls", "admin", "adminpw").body().contains(topic)));
    }

    @Test
    public void aProducerPoolSends100000RecordsAndRunsEveryCallbackOnce() throws Exception {
        String topic = "itest-pool-" + UUID.randomUUID();
        topicAdmin.createTopic(topic, 4, (short) 1, Map.of());
        int records = 100_000;
        java.util.concurrent.atomic.AtomicIntegerArray callbacks = new java.util.concurrent.atomic.AtomicIntegerArray(records);
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger();
        try (KafkaProducerPool<byte[], byte[]> pool = connector.newProducerPool(4, Map.of(),
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                int index = i;
                pool.send(new ProducerRecord<>(topic, Integer.toString(i).getBytes(StandardCharsets.UTF_8)),
                        (metadata, error) -> {
                            callbacks.incrementAndGet(index);
                            if (error != null) {
                                failures.incrementAndGet();
                            }
                        });
            }
            pool.flush();
        }
        for (int i = 0; i < records; i++) {
            assertEquals("callbacks of record " + i, 1, callbacks.get(i));
        }
        assertEquals(0, failures.get());
        try (Consumer<byte[], byte[]> consumer = connector.newConsumer(Map.of(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < 4; p++) {
                partitions.add(new TopicPartition(topic, p));
            }
            long total = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            assertEquals(records, total);
        }
    }

    /** The value of the record at the given position, read back from the broker. */
    private String readValue(RecordMetadata position) throws Exception {
        try (Consumer<byte[], byte[]> consumer = connector.newConsumer(Map.of(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(position.topic(), position.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, position.offset());
            List<ConsumerRecord<byte[], byte[]>> received = new ArrayList<>();
            Eventually.within(WAIT, () -> {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
                assertFalse(received.isEmpty());
            });
            return new String(received.get(0).value(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode findTopic(JsonNode topics, String name) {
        for (JsonNode topic : topics) {
            if (name.equals(topic.path("name").asText())) {
                return topic;
            }
        }
        return null;
    }

    private static void assertProblem(HttpResponse<String> response, String code) throws Exception {
        assertTrue("expected a 4xx for " + code + " but got " + response.statusCode() + ": " + response.body(),
                response.statusCode() >= 400 && response.statusCode() < 500);
        assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        JsonNode body = JSON.readTree(response.body());
        assertEquals(response.body(), code, body.path("code").asText());
        assertEquals(response.statusCode(), body.path("status").asInt());
    }

    private static Http http() {
        return new Http("http://127.0.0.1:" + System.getProperty("hyperiot.itest.http.port") + "/streaming/api/v1");
    }
}
