package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;
import static org.hyperiot.streaming.rest.internal.Exchange.json;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class TopologiesResourceTest {

    private static final String BASE = "http://127.0.0.1:8181/streaming/api/v1/";

    private final InMemoryTopologyService storm = new InMemoryTopologyService()
            .deployed("device-temp-avg", "stream:device-temp-avg").deployed("example-relay", "bundle:org.example.relay");
    private final TopologiesResource resource = new TopologiesResource(storm);

    /** The request URI as JAX-RS gives it: the application's base is what Location is built on. */
    private static UriInfo uri() {
        return (UriInfo) Proxy.newProxyInstance(TopologiesResourceTest.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUriBuilder" -> UriBuilder.fromUri(BASE);
                    default -> throw new UnsupportedOperationException("UriInfo." + method.getName());
                });
    }

    private static List<String> names(JsonNode object) {
        return ApiRoutes.names(object);
    }

    @Nested
    class Reading {

        @Test
        void listsEveryTopologyInTheContractsShape() {
            Reply reply = call(resource::list);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body()).hasSize(2);
            JsonNode first = reply.body().get(0);
            assertThat(names(first)).containsExactly("id", "name", "status", "uptimeSeconds", "workers", "executors",
                    "tasks", "owner");
            assertThat(first.toString()).isEqualTo("{\"id\":\"device-temp-avg-1-1795511523\",\"name\":\"device-temp-avg\","
                    + "\"status\":\"ACTIVE\",\"uptimeSeconds\":42,\"workers\":1,\"executors\":3,\"tasks\":3,"
                    + "\"owner\":\"stream:device-temp-avg\"}");
            assertThat(reply.body().get(1).path("owner").asText()).isEqualTo("bundle:org.example.relay");
        }

        @Test
        void describesATopologyByNameOrByIdWithItsComponentsAndWorkers() {
            Reply byName = call(() -> resource.get("device-temp-avg"));
            Reply byId = call(() -> resource.get("device-temp-avg-1-1795511523"));

            assertThat(byName.status()).isEqualTo(200);
            assertThat(byId.body()).isEqualTo(byName.body());
            JsonNode details = byName.body();
            assertThat(names(details)).containsExactly("id", "name", "status", "uptimeSeconds", "workers", "executors",
                    "tasks", "owner", "spouts", "bolts", "workerProcesses");
            assertThat(details.path("spouts").get(0).toString()).isEqualTo("{\"id\":\"telemetry\",\"executors\":1,"
                    + "\"tasks\":1,\"emitted\":1200,\"transferred\":1200,\"acked\":1190,\"failed\":2,"
                    + "\"completeLatencyMs\":3.5,\"lastError\":null}");
            JsonNode engine = details.path("bolts").get(0);
            assertThat(engine.path("id").asText()).isEqualTo("engine");
            assertThat(engine.path("executed").asLong()).isEqualTo(1200);
            assertThat(engine.path("capacity").asDouble()).isEqualTo(0.01);
            assertThat(engine.path("lastError").toString()).isEqualTo("{\"message\":\"java.lang.IllegalStateException: "
                    + "boom\",\"time\":\"2026-12-06T10:00:00Z\",\"host\":\"127.0.0.1\",\"port\":6700}");
            assertThat(details.path("workerProcesses").get(0).path("componentTasks").path("engine").asLong()).isEqualTo(2);
        }

        @Test
        void anUnknownTopologyIs404() {
            Reply reply = call(() -> resource.get("nobody"));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("UNKNOWN_TOPOLOGY");
            assertThat(reply.body().path("detail").asText()).contains("nobody");
        }
    }

    @Nested
    class Control {

        @Test
        void deactivateAndActivateAreAcceptedWithTheTopologyAsLocation() {
            Reply deactivated = call(() -> resource.deactivate("device-temp-avg", uri()));

            assertThat(deactivated.status()).isEqualTo(202);
            assertThat(deactivated.header("Location")).hasToString(BASE + "topologies/device-temp-avg");
            assertThat(deactivated.body().toString()).isEqualTo("{\"topology\":\"device-temp-avg\",\"action\":\"deactivate\"}");
            assertThat(call(() -> resource.get("device-temp-avg")).body().path("status").asText()).isEqualTo("INACTIVE");

            Reply activated = call(() -> resource.activate("device-temp-avg-1-1795511523", uri()));

            assertThat(activated.status()).isEqualTo(202);
            assertThat(call(() -> resource.get("device-temp-avg")).body().path("status").asText()).isEqualTo("ACTIVE");
            assertThat(storm.calls).contains("deactivate device-temp-avg", "activate device-temp-avg-1-1795511523");
        }

        @Test
        void rebalanceTakesTheContractsBody() {
            Reply reply = call(() -> resource.rebalance("device-temp-avg",
                    json("{\"waitSeconds\":10,\"workers\":2,\"executors\":{\"engine\":4}}"), uri()));

            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.body().toString()).isEqualTo("{\"topology\":\"device-temp-avg\",\"action\":\"rebalance\","
                    + "\"waitSeconds\":10,\"workers\":2,\"executors\":{\"engine\":4}}");
            assertThat(storm.calls).containsExactly("rebalance device-temp-avg wait=10 workers=2 executors={engine=4}");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " \n", "{}"})
        void rebalanceWithoutMembersLeavesEveryDefaultToTheConnector(String body) {
            Reply reply = call(() -> resource.rebalance("device-temp-avg", json(body), uri()));

            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.body().toString()).isEqualTo("{\"topology\":\"device-temp-avg\",\"action\":\"rebalance\"}");
            assertThat(storm.calls).containsExactly("rebalance device-temp-avg wait=null workers=null executors={}");
        }

        @Test
        void rebalanceOfAComponentTheTopologyLacksIs422FromTheConnector() {
            Reply reply = call(() -> resource.rebalance("device-temp-avg", json("{\"executors\":{\"enigne\":4}}"), uri()));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
            assertThat(reply.body().path("detail").asText()).contains("no component enigne");
        }

        @Test
        void killWaitsAsAskedOrTheConnectorsDefault() {
            Reply asked = call(() -> resource.kill("device-temp-avg", json("{\"waitSeconds\":5}"), uri()));
            Reply defaulted = call(() -> resource.kill("example-relay", json(""), uri()));

            assertThat(asked.status()).isEqualTo(202);
            assertThat(asked.body().toString()).isEqualTo("{\"topology\":\"device-temp-avg\",\"action\":\"kill\",\"waitSeconds\":5}");
            assertThat(defaulted.status()).isEqualTo(202);
            assertThat(defaulted.body().toString()).isEqualTo("{\"topology\":\"example-relay\",\"action\":\"kill\"}");
            assertThat(storm.calls).containsExactly("kill device-temp-avg 5", "kill example-relay default");
            assertThat(call(() -> resource.get("example-relay")).body().path("status").asText()).isEqualTo("KILLED");
        }

        @Test
        void controllingAnUnknownTopologyIs404() {
            assertThat(call(() -> resource.kill("nobody", json(""), uri())))
                    .extracting(Reply::status, Reply::code).containsExactly(404, "UNKNOWN_TOPOLOGY");
            assertThat(call(() -> resource.activate("nobody", uri())))
                    .extracting(Reply::status, Reply::code).containsExactly(404, "UNKNOWN_TOPOLOGY");
        }
    }

    @Nested
    class BadInput {

        @Test
        void everyOutOfRangeRebalanceMemberIsNamedAtOnce() {
            Reply reply = call(() -> resource.rebalance("device-temp-avg", json("{\"waitSeconds\":-1,\"workers\":0,"
                    + "\"executors\":{\"engine\":0,\"\":2,\"__acker\":1,\"spout\":10001,\"a/b\":null}}"), uri()));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
            assertThat(reply.body().path("errors").findValuesAsText("pointer")).containsExactly("/waitSeconds",
                    "/workers", "/executors/engine", "/executors/", "/executors/__acker", "/executors/spout",
                    "/executors/a~1b");
            assertThat(storm.calls).isEmpty();
        }

        @Test
        void workersAndWaitsBeyondTheirBoundsAre422() {
            assertThat(call(() -> resource.rebalance("x", json("{\"workers\":1001}"), uri())).status()).isEqualTo(422);
            assertThat(call(() -> resource.rebalance("x", json("{\"waitSeconds\":3601}"), uri())).status()).isEqualTo(422);
            assertThat(call(() -> resource.rebalance("x", json("{\"waitSeconds\":0,\"workers\":1000}"), uri())).code())
                    .isEqualTo("UNKNOWN_TOPOLOGY");
        }

        @ParameterizedTest
        @ValueSource(ints = {-1, 0, 4, 3601, Integer.MAX_VALUE})
        void aKillWaitOutside5To3600Is422(int wait) {
            Reply reply = call(() -> resource.kill("device-temp-avg", json("{\"waitSeconds\":" + wait + "}"), uri()));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
            assertThat(reply.body().path("errors").get(0).path("pointer").asText()).isEqualTo("/waitSeconds");
            assertThat(reply.body().path("errors").get(0).path("message").asText())
                    .isEqualTo("an integer from 5 to 3600, not " + wait);
            assertThat(storm.calls).isEmpty();
        }

        @Test
        void malformedOrWronglyTypedBodiesAre400() {
            Map<String, String> expected = Map.of(
                    "{", "MALFORMED_JSON",
                    "{\"waitSeconds\":10} {}", "MALFORMED_JSON",
                    "{\"waitSeconds\":10,\"waitSeconds\":5}", "MALFORMED_JSON",
                    "{\"wait\":10}", "INVALID_BODY",
                    "{\"waitSeconds\":\"ten\"}", "INVALID_BODY",
                    "[]", "INVALID_BODY",
                    "null", "INVALID_BODY",
                    "[".repeat(100) + "]".repeat(100), "JSON_LIMIT_EXCEEDED");
            expected.forEach((body, code) -> {
                Reply kill = call(() -> resource.kill("device-temp-avg", json(body), uri()));
                Reply rebalance = call(() -> resource.rebalance("device-temp-avg", json(body), uri()));

                assertThat(kill).as(body).extracting(Reply::status, Reply::code).containsExactly(400, code);
                assertThat(rebalance).as(body).extracting(Reply::status, Reply::code).containsExactly(400, code);
            });
            // Beyond int: refused as malformed or as the wrong type, either way a 400 before Storm.
            assertThat(call(() -> resource.kill("device-temp-avg", json("{\"waitSeconds\":99999999999}"), uri()))
                    .status()).isEqualTo(400);
            Reply wrongType = call(() -> resource.rebalance("device-temp-avg",
                    json("{\"executors\":{\"engine\":\"four\"}}"), uri()));
            assertThat(wrongType.body().path("errors").get(0).path("pointer").asText()).isEqualTo("/executors/engine");
            assertThat(wrongType.body().path("detail").asText()).isEqualTo("expected an integer at /executors/engine");
            assertThat(storm.calls).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"../etc", "a b", "a.b", "a;reboot", "$(reboot)", "-leading-dash", "", "x\u0000y",
                "é"})
        void anIdNoTopologyCanHaveIs404WithoutAskingStorm(String id) {
            for (Reply reply : List.of(call(() -> resource.get(id)),
                    call(() -> resource.activate(id, uri())),
                    call(() -> resource.deactivate(id, uri())),
                    call(() -> resource.rebalance(id, json("{}"), uri())),
                    call(() -> resource.kill(id, json(""), uri())))) {
                assertThat(reply.status()).isEqualTo(404);
                assertThat(reply.code()).isEqualTo("UNKNOWN_TOPOLOGY");
                assertThat(reply.body().path("detail").asText()).isEqualTo("No topology can have that id or name");
            }
            assertThat(storm.calls).isEmpty();
        }

        @Test
        void acceptsTheLongestLegalId() {
            String longest = "t" + "x".repeat(199);
            storm.deployed(longest, null);

            assertThat(call(() -> resource.get(longest)).status()).isEqualTo(200);
            assertThat(call(() -> resource.get(longest + "x")).body().path("detail").asText())
                    .isEqualTo("No topology can have that id or name");
        }

        @Test
        void aBodyOverTheLimitIs413() {
            InputStream limited = new AuthenticationFilter(Exchange.defaults(RestConfiguration.class)).limited(
                    new SequenceInputStream(json("{\"waitSeconds\":10"), json(" ".repeat(1024 * 1024) + "}")));

            Reply reply = call(() -> resource.kill("device-temp-avg", limited, uri()));

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(storm.calls).isEmpty();
        }
    }

    @Nested
    class WithoutStorm {

        private final TopologiesResource withoutStorm = new TopologiesResource();

        static Stream<Map.Entry<String, Function<TopologiesResource, Object>>> routes() {
            return Stream.of(
                    Map.entry("GET /topologies", TopologiesResource::list),
                    Map.entry("GET /topologies/{id}", r -> r.get("t")),
                    Map.entry("POST /topologies/{id}/activate", r -> r.activate("t", uri())),
                    Map.entry("POST /topologies/{id}/deactivate", r -> r.deactivate("t", uri())),
                    Map.entry("POST /topologies/{id}/rebalance", r -> r.rebalance("t", json("{\"workers\":2}"), uri())),
                    Map.entry("POST /topologies/{id}/kill", r -> r.kill("t", json(""), uri())));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("routes")
        void aValidRequestIs503NamingTheFeature(Map.Entry<String, Function<TopologiesResource, Object>> route) {
            Reply reply = call(() -> route.getValue().apply(withoutStorm));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("STORM_UNAVAILABLE");
            assertThat(reply.body().path("detail").asText()).contains("hyperiot-streaming-storm");
        }

        @Test
        void aWrongRequestIsRefusedForWhatItIsFirst() {
            assertThat(call(() -> withoutStorm.get("../etc")).status()).isEqualTo(404);
            assertThat(call(() -> withoutStorm.kill("t", json("{\"waitSeconds\":3}"), uri())).status()).isEqualTo(422);
            assertThat(call(() -> withoutStorm.rebalance("t", json("{"), uri())).status()).isEqualTo(400);
        }
    }

    @Nested
    class StormFailures {

        @Test
        void anUnreachableNimbusIs503WithoutJavaTypeNames() {
            storm.failure = new StormException(StormException.NIMBUS_UNAVAILABLE, "Nimbus could not be reached to list "
                    + "topologies: java.net.ConnectException: Connection refused",
                    new java.net.ConnectException("Connection refused"));

            Reply reply = call(resource::list);

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("NIMBUS_UNAVAILABLE");
            assertThat(reply.body().path("detail").asText())
                    .isEqualTo("Nimbus could not be reached to list topologies: ConnectException: Connection refused");
        }

        @Test
        void aTopologyStillBeingKilledIsAConflict() {
            storm.failure = new StormException(StormException.ALREADY_ALIVE, "Topology device-temp-avg is already alive");

            assertThat(call(() -> resource.activate("device-temp-avg", uri())))
                    .extracting(Reply::status, Reply::code).containsExactly(409, "ALREADY_ALIVE");
        }
    }
}
