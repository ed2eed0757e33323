package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;
import static org.hyperiot.streaming.rest.internal.Exchange.json;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import org.hyperiot.streaming.api.StreamLimitReachedException;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class StreamsResourceTest {

    static final String SPEC_EXAMPLE = """
            {
              "name": "device-temp-avg",
              "description": "average temperature per device every 10 s",
              "engine": "kafka",
              "mode": "native",
              "guarantee": "exactly-once",
              "parallelism": 2,
              "source": { "topics": ["telemetry"], "format": "json", "startFrom": "earliest", "eventTime": { "field": "ts" } },
              "watermark": { "maxOutOfOrderness": "2s", "idleTimeout": "30s" },
              "pipeline": [
                { "op": "filter",    "where": { "field": "temp", "gt": -50 } },
                { "op": "processor", "name": "celsius-to-kelvin", "config": { "field": "temp" } },
                { "op": "keyBy",     "field": "deviceId" },
                { "op": "window",    "type": "tumbling", "size": "10s", "allowedLateness": "5s", "emit": "on-close",
                  "aggregate": [ { "fn": "avg", "field": "temp", "as": "avgTemp" }, { "fn": "count", "as": "n" } ] }
              ],
              "sink": { "topic": "temp-avg", "format": "json" },
              "lateRecords": { "topic": "temp-late" },
              "deadLetter": { "topic": "temp-dlq" }
            }
            """;

    private final InMemoryStreamManager manager = new InMemoryStreamManager();
    private final StreamsResource resource = new StreamsResource(manager);

    private static String minimal(String name) {
        return """
                {"name": "%s", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""".formatted(name);
    }

    /** Puts a stream straight into the manager, as another node or the shell would have. */
    private void existing(String json) {
        manager.create(new StreamDefinitionReader().read(json));
        manager.calls.clear();
    }

    private Reply post(String body) {
        return call(() -> resource.create(json(body), Exchange.uri(Exchange.STREAMS_URI)));
    }

    private static List<String> pointers(Reply reply) {
        return reply.body().path("errors").findValuesAsText("pointer");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Nested
    class Create {

        @Test
        void storesTheDefinitionAndAnswers201WithItsLocationAndTheStoredDocument() {
            Reply reply = post(SPEC_EXAMPLE);

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.header("Location")).hasToString(Exchange.STREAMS_URI + "/device-temp-avg");
            assertThat(reply.body().path("name").asText()).isEqualTo("device-temp-avg");
            assertThat(reply.body().path("guarantee").asText()).isEqualTo("exactly-once");
            assertThat(reply.body().path("pipeline").get(3).path("size").asText()).isEqualTo("10s");
            // Defaults are written out: the body shows what the stream runs with.
            assertThat(reply.body().path("commitInterval").asText()).isEqualTo("100ms");
            assertThat(manager.calls).containsExactly("create device-temp-avg");
        }

        @Test
        void answersMalformedJsonWith400WithoutCallingTheManager() {
            Reply reply = post("{\"name\": ");

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("MALFORMED_JSON");
            assertThat(reply.body().path("detail").asText()).contains("line 1");
            assertThat(reply.header("Content-Type")).hasToString(Problem.MEDIA_TYPE);
            assertThat(manager.calls).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "{\"name\": \"a\", \"name\": \"b\"}", "{} {}"})
        void answersEmptyDuplicatedOrTrailingJsonWith400(String body) {
            Reply reply = post(body);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("MALFORMED_JSON");
            assertThat(manager.calls).isEmpty();
        }

        @Test
        void rejectsAnUnknownFieldWith422AndItsPointer() {
            Reply reply = post("""
                    {"name": "s", "colour": "red", "source": {"topics": ["in"]}, "sink": {"topic": "out", "acks": "all"}}""");

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_DEFINITION");
            assertThat(pointers(reply)).containsExactlyInAnyOrder("/colour", "/sink/acks");
            assertThat(reply.body().path("errors").get(0).path("message").asText()).startsWith("unknown field '");
            assertThat(manager.calls).isEmpty();
        }

        @Test
        void rejectsAWrongTypeWithItsPointer() {
            Reply reply = post("""
                    {"name": "s", "parallelism": "two", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""");

            assertThat(reply.status()).isEqualTo(422);
            assertThat(pointers(reply)).containsExactly("/parallelism");
        }

        @Test
        void rejectsABrokenRuleWithThePointerOfTheOperator() {
            Reply reply = post("""
                    {"name": "s", "source": {"topics": ["in"]}, "sink": {"topic": "out"},
                     "pipeline": [{"op": "filter", "where": {"field": "temp"}}]}""");

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_DEFINITION");
            assertThat(pointers(reply)).containsExactly("/pipeline/0/where");
            assertThat(reply.body().path("type").asText()).isEqualTo("https://hyperiot.org/problems/invalid-definition");
            assertThat(reply.body().path("status").asInt()).isEqualTo(422);
        }

        @Test
        void passesOnTheRuntimesOwnRulesWithTheirPointers() {
            manager.runtimeRejection = List.of(new ValidationError("/pipeline/1/name",
                    "no processor named 'celsius-to-kelvin' is registered"));

            Reply reply = post(SPEC_EXAMPLE);

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.body().path("errors").get(0).path("pointer").asText()).isEqualTo("/pipeline/1/name");
            assertThat(reply.body().path("errors").get(0).path("message").asText()).contains("celsius-to-kelvin");
        }

        @Test
        void answersADuplicateNameWith409() {
            existing(SPEC_EXAMPLE);

            Reply reply = post(SPEC_EXAMPLE);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.code()).isEqualTo("STREAM_EXISTS");
            assertThat(reply.body().path("detail").asText()).contains("device-temp-avg");
        }

        @Test
        void answersAStreamBeyondTheRuntimesLimitWith409NamingTheSetting() {
            manager.failure = new StreamLimitReachedException(2, "the cluster holds 2 streams, the most that "
                    + "the runtime's max.streams setting allows (2); delete a stream, or raise max.streams");

            Reply reply = post(SPEC_EXAMPLE);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.code()).isEqualTo("STREAM_LIMIT_REACHED");
            assertThat(reply.body().path("detail").asText()).contains("raise max.streams");
        }
    }

    @Nested
    class BodyLimit {

        private static final long ONE_MIB = 1024 * 1024;

        /** The entity stream as the authentication filter hands it on, with the configured default limit. */
        private InputStream asFiltered(InputStream body) {
            return new AuthenticationFilter(Exchange.defaults(RestConfiguration.class)).limited(body);
        }

        /** A valid definition padded with spaces to exactly {@code size} bytes; sent without a length, as chunks are. */
        private InputStream paddedTo(long size) {
            String body = minimal("big");
            return new SequenceInputStream(json(body), json(" ".repeat((int) (size - body.length()))));
        }

        @Test
        void theDefaultLimitIsOneMebibyte() {
            assertThat(Exchange.defaults(RestConfiguration.class).max_body_bytes()).isEqualTo(ONE_MIB);
        }

        @Test
        void aBodyOfExactlyTheLimitIsRead() {
            Reply reply = call(() -> resource.create(asFiltered(paddedTo(ONE_MIB)), Exchange.uri(Exchange.STREAMS_URI)));

            assertThat(reply.status()).isEqualTo(201);
        }

        @Test
        void aLargerBodyGets413OnEveryRouteThatTakesOne() {
            existing(minimal("big"));
            List<Reply> replies = List.of(
                    call(() -> resource.create(asFiltered(paddedTo(ONE_MIB + 1)), Exchange.uri(Exchange.STREAMS_URI))),
                    call(() -> resource.update("big", asFiltered(paddedTo(ONE_MIB + 1)))),
                    call(() -> resource.validate(asFiltered(paddedTo(ONE_MIB + 1)))));

            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(413);
                assertThat(reply.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            });
            assertThat(manager.calls).isEmpty();
        }
    }

    @Nested
    class Validate {

        @Test
        void acceptsAValidDefinition() {
            Reply reply = call(() -> resource.validate(json(SPEC_EXAMPLE)));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().toString()).isEqualTo("{\"valid\":true,\"errors\":[]}");
            assertThat(manager.calls).isEmpty();
        }

        @Test
        void listsEveryErrorWithItsPointer() {
            Reply reply = call(() -> resource.validate(json("""
                    {"name": "Bad Name!", "colour": "red", "source": {"topics": ["in"]}, "sink": {"topic": "out"},
                     "pipeline": [{"op": "window", "type": "tumbling", "size": "10 seconds",
                                   "aggregate": [{"fn": "count", "as": "n"}]}]}""")));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("valid").asBoolean()).isFalse();
            assertThat(pointers(reply)).containsExactlyInAnyOrder("/name", "/colour", "/pipeline/0/size");
        }

        @Test
        void listsWhatTheRuntimeWouldRefuseOfAValidDefinition() {
            manager.runtimeRejection = List.of(new ValidationError("/pipeline/0/name",
                    "custom processor 'enrich' is not portable"));

            Reply reply = call(() -> resource.validate(json(SPEC_EXAMPLE)));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("valid").asBoolean()).isFalse();
            assertThat(pointers(reply)).containsExactly("/pipeline/0/name");
            assertThat(manager.calls).isEmpty();
        }

        @Test
        void reportsMalformedJsonAsInvalidRatherThanFailing() {
            Reply reply = call(() -> resource.validate(json("{\"name\": ")));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("valid").asBoolean()).isFalse();
            assertThat(reply.body().path("errors").get(0).path("pointer").asText()).isEmpty();
            assertThat(reply.body().path("errors").get(0).path("message").asText()).contains("not valid JSON");
        }

        @Test
        void worksWithoutTheStreamRuntime() {
            Reply reply = call(() -> new StreamsResource().validate(json(SPEC_EXAMPLE)));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("valid").asBoolean()).isTrue();
        }
    }

    @Nested
    class Read {

        @Test
        void listsEveryStreamWithStateEngineAndGuarantee() {
            existing(SPEC_EXAMPLE);
            existing("""
                    {"name": "raw-copy", "engine": "storm", "guarantee": "at-most-once",
                     "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""");
            manager.start("raw-copy");

            Reply reply = call(resource::list);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().toString()).isEqualTo("["
                    + "{\"name\":\"device-temp-avg\",\"state\":\"CREATED\",\"engine\":\"kafka\",\"guarantee\":\"exactly-once\"},"
                    + "{\"name\":\"raw-copy\",\"state\":\"RUNNING\",\"engine\":\"storm\",\"guarantee\":\"at-most-once\"}]");
        }

        @Test
        void listsNothingAsAnEmptyArray() {
            assertThat(call(resource::list).body().toString()).isEqualTo("[]");
        }

        @Test
        void givesTheDefinitionAndTheStatus() {
            existing(SPEC_EXAMPLE);

            Reply reply = call(() -> resource.get("device-temp-avg"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(fieldNames(reply.body())).containsExactly("definition", "status");
            assertThat(reply.body().path("definition").path("source").path("topics").get(0).asText()).isEqualTo("telemetry");
            assertThat(reply.body().path("definition").path("deadLetter").path("topic").asText()).isEqualTo("temp-dlq");
            assertThat(reply.body().path("status").toString())
                    .isEqualTo("{\"name\":\"device-temp-avg\",\"state\":\"CREATED\",\"tasks\":[],\"lastError\":null}");
        }

        @Test
        void givesTheStatusInTheContractsShape() {
            existing(SPEC_EXAMPLE);
            manager.start("device-temp-avg");

            Reply reply = call(() -> resource.status("device-temp-avg"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().toString()).isEqualTo("{\"name\":\"device-temp-avg\",\"state\":\"RUNNING\","
                    + "\"tasks\":[{\"node\":\"1\",\"task\":\"telemetry-0\",\"partitions\":[\"telemetry-0\"],"
                    + "\"state\":\"RUNNING\",\"lastError\":null}],\"lastError\":null}");
        }

        @Test
        void showsTheTopologyOfAStreamOnStorm() {
            existing(SPEC_EXAMPLE);
            manager.start("device-temp-avg");
            manager.topology = new TopologySummary("stream-device-temp-avg-3-1700000000", "stream-device-temp-avg",
                    TopologyStatus.ACTIVE, 42, 1, 4, 4, "stream:device-temp-avg");

            Reply reply = call(() -> resource.status("device-temp-avg"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("topology").toString()).isEqualTo("{\"id\":\"stream-device-temp-avg-3-1700000000\","
                    + "\"status\":\"ACTIVE\",\"workers\":1,\"executors\":4,\"tasks\":4,\"uptimeSeconds\":42}");
        }

        @Test
        void givesTheMetricsInTheContractsShape() {
            existing(SPEC_EXAMPLE);

            Reply reply = call(() -> resource.metrics("device-temp-avg"));

            assertThat(reply.status()).isEqualTo(200);
            JsonNode body = reply.body();
            assertThat(fieldNames(body)).containsExactly("name", "recordsIn", "recordsOut", "recordsInPerSecond",
                    "recordsOutPerSecond", "late", "deadLettered", "lag", "latencyP50Ms", "latencyP99Ms", "watermark",
                    "commits", "tasks");
            assertThat(body.path("recordsIn").asLong()).isEqualTo(1200);
            assertThat(body.path("recordsInPerSecond").asDouble()).isEqualTo(40.5);
            assertThat(body.path("latencyP50Ms").asDouble()).isEqualTo(12.5);
            assertThat(body.path("latencyP99Ms").isNull()).isTrue();
            assertThat(body.path("watermark").asLong()).isEqualTo(1_700_000_010_000L);
            assertThat(fieldNames(body.path("tasks").get(0))).containsExactly("node", "task", "recordsIn", "recordsOut",
                    "late", "deadLettered", "lag", "watermark", "commits");
        }

        @Test
        void addsStormsTupleCountsForAStreamOnStorm() {
            existing(SPEC_EXAMPLE);
            manager.stormTuples = new StreamMetrics.StormTuples(1180, 3);

            Reply reply = call(() -> resource.metrics("device-temp-avg"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("storm").toString()).isEqualTo("{\"acked\":1180,\"failed\":3}");
        }
    }

    @Nested
    class Update {

        @Test
        void replacesTheDefinition() {
            existing(minimal("s"));

            Reply reply = call(() -> resource.update("s", json("""
                    {"name": "s", "parallelism": 3, "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""")));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("parallelism").asInt()).isEqualTo(3);
            assertThat(manager.get("s").parallelism()).isEqualTo(3);
        }

        @Test
        void refusesADefinitionNamingAnotherStreamWithPointerName() {
            existing(minimal("s"));
            existing(minimal("t"));

            Reply reply = call(() -> resource.update("s", json(minimal("t"))));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_DEFINITION");
            assertThat(pointers(reply)).containsExactly("/name");
            assertThat(manager.calls).isEmpty();
        }

        @Test
        void answersAnUnknownStreamWith404() {
            Reply reply = call(() -> resource.update("ghost", json(minimal("ghost"))));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("STREAM_NOT_FOUND");
        }

        @Test
        void answersMalformedJsonWith400AndInvalidDefinitionsWith422() {
            existing(minimal("s"));

            assertThat(call(() -> resource.update("s", json("{"))).code()).isEqualTo("MALFORMED_JSON");
            Reply invalid = call(() -> resource.update("s", json("""
                    {"name": "s", "source": {"topics": ["in"]}, "sink": {"topic": "out"}, "pipeline": [{"op": "explode"}]}""")));
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(pointers(invalid)).containsExactly("/pipeline/0/op");
            assertThat(manager.calls).isEmpty();
        }
    }

    @Nested
    class Delete {

        @Test
        void removesTheStreamKeepingItsStateByDefault() {
            existing(minimal("s"));

            Reply reply = call(() -> resource.delete("s", null));

            assertThat(reply.status()).isEqualTo(204);
            assertThat(manager.calls).containsExactly("delete s purgeState=false");
            assertThat(call(() -> resource.get("s")).status()).isEqualTo(404);
        }

        @Test
        void passesPurgeStateThrough() {
            existing(minimal("s"));

            assertThat(call(() -> resource.delete("s", "true")).status()).isEqualTo(204);
            assertThat(manager.calls).containsExactly("delete s purgeState=true");
        }

        @Test
        void refusesAPurgeStateThatIsNotABoolean() {
            existing(minimal("s"));

            Reply reply = call(() -> resource.delete("s", "yes"));

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("INVALID_PARAMETER");
            assertThat(manager.calls).isEmpty();
        }

        @Test
        void answersAnUnknownStreamWith404() {
            assertThat(call(() -> resource.delete("ghost", "true")).code()).isEqualTo("STREAM_NOT_FOUND");
        }
    }

    @Nested
    class Control {

        @Test
        void startStopAndRestartAnswer202WithTheStatus() {
            existing(minimal("s"));

            Reply started = call(() -> resource.start("s"));
            assertThat(started.status()).isEqualTo(202);
            assertThat(started.body().path("state").asText()).isEqualTo("RUNNING");
            assertThat(started.body().path("tasks").get(0).path("partitions").get(0).asText()).isEqualTo("telemetry-0");

            Reply stopped = call(() -> resource.stop("s"));
            assertThat(stopped.status()).isEqualTo(202);
            assertThat(stopped.body().path("state").asText()).isEqualTo("STOPPED");

            Reply restarted = call(() -> resource.restart("s"));
            assertThat(restarted.status()).isEqualTo(202);
            assertThat(restarted.body().path("name").asText()).isEqualTo("s");
            assertThat(restarted.body().path("state").asText()).isEqualTo("RUNNING");
        }

        @Test
        void areIdempotent() {
            existing(minimal("s"));

            assertThat(call(() -> resource.start("s")).status()).isEqualTo(202);
            assertThat(call(() -> resource.start("s")).status()).isEqualTo(202);
            assertThat(call(() -> resource.stop("s")).status()).isEqualTo(202);
            assertThat(call(() -> resource.stop("s")).status()).isEqualTo(202);
        }
    }

    /** Every route that addresses one stream by name, given that name (and a body naming it, where one is needed). */
    static Stream<Map.Entry<String, BiFunction<StreamsResource, String, Object>>> namedRoutes() {
        return Stream.of(
                Map.entry("GET", (r, n) -> r.get(n)),
                Map.entry("PUT", (r, n) -> r.update(n, json(minimal(n)))),
                Map.entry("DELETE", (r, n) -> r.delete(n, "true")),
                Map.entry("start", (r, n) -> r.start(n)),
                Map.entry("stop", (r, n) -> r.stop(n)),
                Map.entry("restart", (r, n) -> r.restart(n)),
                Map.entry("status", (r, n) -> r.status(n)),
                Map.entry("metrics", (r, n) -> r.metrics(n)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("namedRoutes")
    void answersAnUnknownStreamWith404(Map.Entry<String, BiFunction<StreamsResource, String, Object>> route) {
        Reply reply = call(() -> route.getValue().apply(resource, "ghost"));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.code()).isEqualTo("STREAM_NOT_FOUND");
        assertThat(reply.body().path("detail").asText()).contains("ghost");
    }

    @ParameterizedTest
    @ValueSource(strings = {"..%2f", "../", "..", ".", "%2e%2e", "Upper", "a b", "-lead", "_lead", "a/b", "a\\b", "",
        "x234567890123456789012345678901234567890123456789012345678901234"})
    void answersANameOutsideTheRuleWith404WithoutCallingTheManager(String name) {
        existing(minimal("s"));
        namedRoutes().forEach(route -> {
            Reply reply = call(() -> route.getValue().apply(resource, name));

            assertThat(reply.status()).as(route.getKey()).isEqualTo(404);
            assertThat(reply.code()).as(route.getKey()).isEqualTo("STREAM_NOT_FOUND");
        });
        assertThat(manager.calls).isEmpty();
    }

    @Test
    void acceptsTheLongestAndOddestLegalNames() {
        String longest = "x23456789012345678901234567890123456789012345678901234567890123";
        existing(minimal(longest));
        existing(minimal("0.a_b-c"));

        assertThat(call(() -> resource.status(longest)).status()).isEqualTo(200);
        assertThat(call(() -> resource.status("0.a_b-c")).status()).isEqualTo(200);
    }

    static Stream<Map.Entry<String, Function<StreamsResource, Object>>> everyRouteButValidate() {
        return Stream.concat(
                Stream.of(Map.entry("GET /streams", StreamsResource::list),
                        Map.entry("POST /streams", r -> r.create(json(SPEC_EXAMPLE), Exchange.uri(Exchange.STREAMS_URI)))),
                namedRoutes().map(route -> Map.entry(route.getKey(), r -> route.getValue().apply(r, "s"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyRouteButValidate")
    void answers503WhenTheStreamRuntimeIsAbsent(Map.Entry<String, Function<StreamsResource, Object>> route) {
        Reply reply = call(() -> route.getValue().apply(new StreamsResource()));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("STREAMS_UNAVAILABLE");
        assertThat(reply.body().path("detail").asText()).contains("hyperiot-streaming-runtime");
    }

    @Test
    void answers502WithTheMessageWhenTheRuntimeFails() {
        manager.failure = new StreamingException("the definitions topic is not reachable");

        Reply reply = call(resource::list);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("STREAM_RUNTIME_ERROR");
        assertThat(reply.body().path("detail").asText()).isEqualTo("the definitions topic is not reachable");
    }
}
