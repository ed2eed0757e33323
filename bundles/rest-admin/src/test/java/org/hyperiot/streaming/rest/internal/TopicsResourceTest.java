package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;

import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TopicsResourceTest {

    private final List<String> adminCalls = new ArrayList<>();
    private final KafkaTopicAdmin admin = (KafkaTopicAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {KafkaTopicAdmin.class}, (self, method, args) -> {
                adminCalls.add(method.getName() + " " + args[0]);
                return null;
            });
    private final TopicsResource resource = new TopicsResource(admin);

    /** The body as the API's JSON reader turns it into a request. */
    private static TopicsResource.NewTopicRequest body(String json) throws Exception {
        return (TopicsResource.NewTopicRequest) new JsonBodyProvider().readFrom(Object.class,
                TopicsResource.NewTopicRequest.class, new Annotation[0], MediaType.APPLICATION_JSON_TYPE,
                new MultivaluedHashMap<>(), Exchange.json(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {"__consumer_offsets", "__transaction_state", "__cluster_metadata",
            "hyperiot-streaming-definitions", "hyperiot-streaming-status", "hyperiot_layer_microservices",
            "hyperiot_layer_microservices_1", "hyperiot.layer.microservices", "hyperiot-stream-avg-changelog",
            "hyperiot-stream-avg-repartition", "hyperiot-saga-log"})
    void topicsKafkaOrThePlatformOwnCanBeNeitherCreatedNorDeleted(String topic) throws Exception {
        Reply created = call(() -> resource.create(body("{\"name\":\"" + topic + "\",\"partitions\":1}"),
                Exchange.uri("http://127.0.0.1:8181/streaming/api/v1/kafka/topics")));
        Reply deleted = call(() -> resource.delete(topic));

        for (Reply reply : List.of(created, deleted)) {
            assertThat(reply.status()).isEqualTo(403);
            assertThat(reply.code()).isEqualTo("TOPIC_PROTECTED");
            assertThat(reply.body().path("detail").asText()).contains(topic, "owns");
        }
        assertThat(adminCalls).isEmpty();
    }

    @Test
    void userTopicsAreCreatedAndDeleted() throws Exception {
        Reply created = call(() -> resource.create(body("{\"name\":\"telemetry\",\"partitions\":2,"
                + "\"configs\":{\"cleanup.policy\":\"compact\",\"segment.ms\":\"3600000\"}}"),
                Exchange.uri("http://127.0.0.1:8181/streaming/api/v1/kafka/topics")));
        Reply deleted = call(() -> resource.delete("telemetry"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(adminCalls).containsExactly("createTopic telemetry", "deleteTopic telemetry");
    }

    @Test
    void configValuesAreCheckedWithAPointerPerValue() throws Exception {
        Reply reply = call(() -> resource.create(body("{\"name\":\"t\",\"replicationFactor\":1,\"configs\":{"
                + "\"segment.index.bytes\":\"4\",\"flush.messages\":\"1\",\"segment.ms\":\"1\","
                + "\"max.message.bytes\":\"2147483647\",\"unclean.leader.election.enable\":\"true\","
                + "\"min.insync.replicas\":\"2\"}}"), Exchange.uri("http://127.0.0.1:8181/streaming/api/v1/kafka/topics")));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body().path("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder(
                "/configs/segment.index.bytes", "/configs/flush.messages", "/configs/segment.ms",
                "/configs/max.message.bytes", "/configs/unclean.leader.election.enable", "/configs/min.insync.replicas");
        assertThat(reply.body().toString()).contains("at most the replication factor (1)");
        assertThat(adminCalls).isEmpty();
    }

    @Test
    void problemBodiesSpeakJsonNotJava() {
        List<String> bodies = List.of("{\"name\":\"t\",\"partitions\":\"three\"}", "{\"name\":\"t\",\"partitions\":2147483648}",
                "{\"name\":[1]}", "[]", "{\"name\":\"t\",\"configs\":[]}",
                "{\"name\":\"t\"} {}", "{\"name\":\"t\",\"configs\":{\"retention.ms\":{}}}", "{\"name\":\"a\",\"name\":\"b\"}");
        for (String json : bodies) {
            Reply reply = call(() -> resource.create(body(json), Exchange.uri("http://127.0.0.1:8181/streaming/api/v1/kafka/topics")));
            assertThat(reply.status()).as(json).isEqualTo(400);
            assertThat(reply.body().toString()).as(json).doesNotContain("java", "Integer", "NewTopicRequest", "$", "`",
                    "Short", "String", "LinkedHashMap");
        }
    }

    @Test
    void wrongTypesSayWhatWasExpectedAndWhere() {
        assertThat(detail("{\"name\":\"t\",\"partitions\":\"three\"}")).isEqualTo("expected an integer at /partitions");
        assertThat(detail("{\"name\":\"t\",\"partitions\":2147483648}"))
                .isEqualTo("expected an integer from -2147483648 to 2147483647 at /partitions");
        assertThat(detail("{\"name\":{}}")).isEqualTo("expected a string at /name");
        assertThat(detail("{\"name\":\"t\",\"configs\":{\"retention.ms\":[]}}")).isEqualTo("expected a string at /configs/retention.ms");
        assertThat(detail("[]")).isEqualTo("expected an object as the document");
        assertThat(detail("{\"name\":\"a\",\"name\":\"b\"}")).contains("Duplicate field 'name'");
    }

    private String detail(String json) {
        return call(() -> resource.create(body(json), Exchange.uri("http://127.0.0.1:8181/streaming/api/v1/kafka/topics")))
                .body().path("detail").asText();
    }


}
