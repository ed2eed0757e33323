package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;
import static org.hyperiot.streaming.rest.internal.Exchange.json;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.api.saga.SagaStepStatus;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

class SagasResourceTest {

    private static final String BASE = "http://127.0.0.1:8181/streaming/api/v1/";
    private static final String SAGAS_URI = BASE + "sagas";

    private final InMemorySagaDefinitionRegistry definitions = new InMemorySagaDefinitionRegistry()
            .existing(InMemorySagaDefinitionRegistry.ORDER)
            .existing(SagaDefinition.builder("refund").step("pay-back", "payments", "refund").build());
    private final InMemorySagaCoordinator coordinator = new InMemorySagaCoordinator(definitions);
    private final SagasResource resource = new SagasResource(coordinator);

    /** The request URI as JAX-RS gives it to a route of /sagas: base and absolute path. */
    private static UriInfo uri() {
        return (UriInfo) Proxy.newProxyInstance(SagasResourceTest.class.getClassLoader(),
                new Class<?>[] {UriInfo.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getBaseUriBuilder" -> UriBuilder.fromUri(BASE);
                    case "getAbsolutePath" -> URI.create(SAGAS_URI);
                    case "getAbsolutePathBuilder" -> UriBuilder.fromUri(SAGAS_URI);
                    default -> throw new UnsupportedOperationException("UriInfo." + method.getName());
                });
    }

    private Reply start(String body, String key) {
        return call(() -> resource.start(json(body), key, uri()));
    }

    private Reply list(String state, String definition, String pageToken, String limit) {
        return call(() -> resource.list(state, definition, pageToken, limit));
    }

    private static List<String> names(JsonNode object) {
        return ApiRoutes.names(object);
    }

    @Nested
    class Listing {

        @Test
        void listsSagasNewestFirstInTheContractsShape() {
            String first = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.COMPLETED, null);
            String second = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.FAILED_TO_COMPENSATE,
                    "COMPENSATION_FAILED: refund refused");

            Reply reply = list(null, null, null, null);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(names(reply.body())).containsExactly("sagas", "nextPageToken");
            assertThat(reply.body().path("nextPageToken").isNull()).isTrue();
            assertThat(reply.body().path("sagas").findValuesAsText("id")).containsExactly(second, first);
            assertThat(reply.body().path("sagas").get(0).toString()).isEqualTo("{\"id\":\"" + second + "\","
                    + "\"definition\":\"order\",\"state\":\"FAILED_TO_COMPENSATE\",\"createdAt\":\"2026-12-06T10:02:00Z\","
                    + "\"updatedAt\":\"2026-12-06T10:02:00Z\",\"error\":\"COMPENSATION_FAILED: refund refused\"}");
            assertThat(reply.body().path("sagas").get(1).path("error").isNull()).isTrue();
            assertThat(coordinator.calls).containsExactly(
                    "list SagaFilter[state=null, definition=null, createdAfter=null, createdBefore=null] token=null limit=100");
        }

        @Test
        void listsNothingAsAnEmptyPage() {
            assertThat(list(null, null, null, null).body().toString()).isEqualTo("{\"sagas\":[],\"nextPageToken\":null}");
        }

        @Test
        void filtersByStateAndDefinition() {
            coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);
            String wanted = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.COMPENSATED, null);
            coordinator.existing(definitions.find("refund"), SagaState.COMPENSATED, null);

            Reply reply = list("COMPENSATED", "order", null, null);

            assertThat(reply.body().path("sagas").findValuesAsText("id")).containsExactly(wanted);
        }

        @Test
        void pagesThroughWithTheNextPageToken() {
            for (int i = 0; i < 5; i++) {
                coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);
            }

            Reply first = list(null, null, null, "2");
            String token = first.body().path("nextPageToken").asText();
            Reply second = list(null, null, token, "2");
            Reply last = list(null, null, second.body().path("nextPageToken").asText(), "2");

            assertThat(first.body().path("sagas").findValuesAsText("id"))
                    .containsExactly(InMemorySagaCoordinator.id(5), InMemorySagaCoordinator.id(4));
            assertThat(second.body().path("sagas").findValuesAsText("id"))
                    .containsExactly(InMemorySagaCoordinator.id(3), InMemorySagaCoordinator.id(2));
            assertThat(last.body().path("sagas").findValuesAsText("id")).containsExactly(InMemorySagaCoordinator.id(1));
            assertThat(last.body().path("nextPageToken").isNull()).isTrue();
        }

        @Test
        void anUnknownStateIs400NamingTheStates() {
            Reply reply = list("FAILED", null, null, null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("INVALID_PARAMETER");
            assertThat(reply.body().path("detail").asText()).isEqualTo("The query parameter state is one of RUNNING, "
                    + "COMPENSATING, COMPLETED, COMPENSATED, FAILED_TO_COMPENSATE");
            assertThat(list("running", null, null, null).status()).isEqualTo(400);
            assertThat(coordinator.calls).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "-1", "501", "ten", "+5", "05", "", "1.5", "99999999999"})
        void aLimitOutside1To500Is400(String limit) {
            Reply reply = list(null, null, null, limit);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("INVALID_PARAMETER");
            assertThat(reply.body().path("detail").asText()).contains("1 to 500");
            assertThat(coordinator.calls).isEmpty();
        }

        @Test
        void theLimitsBoundsAreAccepted() {
            assertThat(list(null, null, null, "1").status()).isEqualTo(200);
            assertThat(list(null, null, null, "500").status()).isEqualTo(200);
            assertThat(coordinator.calls).extracting(call -> call.substring(call.lastIndexOf(' ') + 1))
                    .containsExactly("limit=1", "limit=500");
        }

        @Test
        void aDefinitionNoSagaCanHaveIs400() {
            Reply reply = list(null, "../order", null, null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("INVALID_PARAMETER");
            assertThat(coordinator.calls).isEmpty();
        }

        @Test
        void aPageTokenTheCoordinatorDidNotMakeIs400() {
            coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);
            coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);
            String tokenOfAnotherFilter = list("RUNNING", null, null, "1").body().path("nextPageToken").asText();

            for (String token : List.of("forged", tokenOfAnotherFilter)) {
                Reply reply = list(null, null, token, "1");

                assertThat(reply.status()).as(token).isEqualTo(400);
                assertThat(reply.code()).as(token).isEqualTo("INVALID_PAGE_TOKEN");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a b", "x\u0000y", "é"})
        void aPageTokenOfCharactersNoTokenHasIs400WithoutAskingTheCoordinator(String token) {
            Reply reply = list(null, null, token, null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("INVALID_PAGE_TOKEN");
            assertThat(coordinator.calls).isEmpty();
        }
    }

    @Nested
    class Reading {

        @Test
        void givesTheSagaWithStepsAndHistoryInTheContractsShape() {
            Instant at = Instant.parse("2026-12-06T11:00:00Z");
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("orderId", "o-1");
            data.put("amount", 42);
            coordinator.put(new SagaInfo("c0ffee00-0000-0000-0000-000000000001", "order", SagaState.COMPENSATING,
                    data,
                    List.of(new SagaStepStatus("reserve", "inventory", SagaStepState.COMPENSATING, 1, 2, null),
                            new SagaStepStatus("charge", "payments", SagaStepState.FAILED, 5, 0,
                                    "CARD_DECLINED: insufficient funds")),
                    List.of(new SagaHistoryEntry(at, SagaHistoryEntry.Kind.SAGA_STARTED, null, 0, "deadline 11:05"),
                            new SagaHistoryEntry(at.plusSeconds(1), SagaHistoryEntry.Kind.COMMAND_SENT, "reserve", 1,
                                    null)),
                    at, at.plusSeconds(9), at.plusSeconds(300), "STEP_FAILED: charge"));

            Reply reply = call(() -> resource.get("c0ffee00-0000-0000-0000-000000000001"));

            assertThat(reply.status()).isEqualTo(200);
            JsonNode saga = reply.body();
            assertThat(names(saga)).containsExactly("id", "definition", "state", "data", "steps", "history",
                    "createdAt", "updatedAt", "deadline", "error");
            assertThat(saga.path("state").asText()).isEqualTo("COMPENSATING");
            assertThat(saga.path("data").toString()).isEqualTo("{\"orderId\":\"o-1\",\"amount\":42}");
            assertThat(saga.path("steps").toString()).isEqualTo("["
                    + "{\"name\":\"reserve\",\"participant\":\"inventory\",\"state\":\"COMPENSATING\",\"attempts\":1,"
                    + "\"compensationAttempts\":2,\"lastError\":null},"
                    + "{\"name\":\"charge\",\"participant\":\"payments\",\"state\":\"FAILED\",\"attempts\":5,"
                    + "\"compensationAttempts\":0,\"lastError\":\"CARD_DECLINED: insufficient funds\"}]");
            assertThat(saga.path("history").toString()).isEqualTo("["
                    + "{\"at\":\"2026-12-06T11:00:00Z\",\"kind\":\"SAGA_STARTED\",\"step\":null,\"attempt\":0,"
                    + "\"detail\":\"deadline 11:05\"},"
                    + "{\"at\":\"2026-12-06T11:00:01Z\",\"kind\":\"COMMAND_SENT\",\"step\":\"reserve\",\"attempt\":1,"
                    + "\"detail\":null}]");
            assertThat(saga.path("createdAt").asText()).isEqualTo("2026-12-06T11:00:00Z");
            assertThat(saga.path("updatedAt").asText()).isEqualTo("2026-12-06T11:00:09Z");
            assertThat(saga.path("deadline").asText()).isEqualTo("2026-12-06T11:05:00Z");
            assertThat(saga.path("error").asText()).isEqualTo("STEP_FAILED: charge");
        }

        @Test
        void anUnknownSagaIs404() {
            Reply reply = call(() -> resource.get("00000000-0000-0000-0000-00000000dead"));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("SAGA_NOT_FOUND");
            assertThat(reply.body().path("detail").asText()).contains("00000000-0000-0000-0000-00000000dead");
        }
    }

    @Nested
    class Start {

        @Test
        void startsASagaAnswering201WithItsLocation() {
            Reply reply = start("{\"definition\":\"order\",\"input\":{\"orderId\":\"o-7\",\"items\":[1,2.5,true,null]}}",
                    null);

            String id = InMemorySagaCoordinator.id(1);
            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.header("Location")).hasToString(SAGAS_URI + "/" + id);
            assertThat(reply.body().path("id").asText()).isEqualTo(id);
            assertThat(reply.body().path("state").asText()).isEqualTo("RUNNING");
            assertThat(reply.body().path("data").toString())
                    .isEqualTo("{\"orderId\":\"o-7\",\"items\":[1,2.5,true,null]}");
            assertThat(reply.body().path("steps").findValuesAsText("name"))
                    .containsExactly("reserve", "charge", "notify", "ship");
            assertThat(coordinator.calls).containsExactly("start order key=null input={orderId=o-7, items=[1, 2.5, true, null]}");
        }

        @Test
        void theSameKeyGivesTheSameSagaWith200() {
            Reply first = start("{\"definition\":\"order\",\"input\":{\"orderId\":\"o-1\"}}", "order-o-1");
            Reply again = start("{\"definition\":\"order\",\"input\":{\"orderId\":\"o-1\"}}", "order-o-1");
            Reply other = start("{\"definition\":\"order\",\"input\":{\"orderId\":\"o-1\"}}", "order-o-2");

            assertThat(first.status()).isEqualTo(201);
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first.body());
            assertThat(again.header("Location")).isEqualTo(first.header("Location"));
            assertThat(other.status()).isEqualTo(201);
            assertThat(other.body().path("id").asText()).isNotEqualTo(first.body().path("id").asText());
        }

        @Test
        void withoutAKeyEveryRequestStartsASaga() {
            Reply first = start("{\"definition\":\"order\"}", null);
            Reply second = start("{\"definition\":\"order\"}", null);

            assertThat(List.of(first.status(), second.status())).containsOnly(201);
            assertThat(first.body().path("id")).isNotEqualTo(second.body().path("id"));
            assertThat(first.body().path("data").toString()).isEqualTo("{}");
        }

        @Test
        void anUnknownDefinitionIs404() {
            Reply reply = start("{\"definition\":\"ghost\"}", null);

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("SAGA_DEFINITION_NOT_FOUND");
            assertThat(reply.body().path("detail").asText()).contains("ghost");
        }

        @Test
        void aMissingOrImpossibleDefinitionNameIs422AtDefinition() {
            for (String body : List.of("{}", "{\"input\":{}}", "{\"definition\":\"../order\"}", "{\"definition\":\"\"}")) {
                Reply reply = start(body, null);

                assertThat(reply.status()).as(body).isEqualTo(422);
                assertThat(reply.code()).as(body).isEqualTo("INVALID_REQUEST");
                assertThat(reply.body().path("errors").findValuesAsText("pointer")).as(body).containsExactly("/definition");
            }
            assertThat(coordinator.calls).isEmpty();
        }

        @Test
        void badBodiesAre400() {
            Map<String, String> expected = Map.of(
                    "{", "MALFORMED_JSON",
                    "{\"definition\":\"order\"} {}", "MALFORMED_JSON",
                    "{\"definition\":\"order\",\"definition\":\"refund\"}", "MALFORMED_JSON",
                    "{\"definition\":\"order\",\"key\":\"k\"}", "INVALID_BODY",
                    "{\"definition\":\"order\",\"input\":[1]}", "INVALID_BODY",
                    "{\"definition\":\"order\",\"input\":\"x\"}", "INVALID_BODY",
                    "[]", "INVALID_BODY",
                    "null", "INVALID_BODY",
                    "", "INVALID_BODY");
            expected.forEach((body, code) -> {
                Reply reply = start(body, null);

                assertThat(reply).as(body).extracting(Reply::status, Reply::code).containsExactly(400, code);
            });
            assertThat(coordinator.calls).isEmpty();
        }

        @Test
        void anUnknownMemberAndAnInputThatIsNoObjectAreNamedByPointer() {
            Reply unknown = start("{\"definition\":\"order\",\"key\":\"k\"}", null);
            Reply array = start("{\"definition\":\"order\",\"input\":[1]}", null);

            assertThat(unknown.body().path("errors").get(0).path("pointer").asText()).isEqualTo("/key");
            assertThat(unknown.body().path("detail").asText()).isEqualTo("Unknown field 'key'");
            assertThat(array.body().path("errors").get(0).path("pointer").asText()).isEqualTo("/input");
            assertThat(array.body().path("detail").asText()).isEqualTo("expected an object at /input");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "has space", "tab\tkey", "é", "x\u0000"})
        void aMalformedIdempotencyKeyIs400WithoutAskingTheCoordinator(String key) {
            Reply reply = start("{\"definition\":\"order\"}", key);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
            assertThat(coordinator.calls).isEmpty();
        }

        @Test
        void anIdempotencyKeyOf200CharactersIsTheLongest() {
            assertThat(start("{\"definition\":\"order\"}", "k".repeat(200)).status()).isEqualTo(201);
            assertThat(start("{\"definition\":\"order\"}", "k".repeat(201)).code()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
            assertThat(start("{\"definition\":\"order\"}", "!~:/=+_-.0aZ").status()).isEqualTo(201);
        }

        @Test
        void anInputTheCoordinatorCannotKeepIs422AtInput() {
            coordinator.failure = new IllegalArgumentException("the input holds a java.util.Date at /when");

            Reply reply = start("{\"definition\":\"order\",\"input\":{\"when\":1}}", null);

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_REQUEST");
            assertThat(reply.body().path("errors").get(0).path("pointer").asText()).isEqualTo("/input");
            assertThat(reply.body().path("errors").get(0).path("message").asText()).doesNotContain("java.util");
        }

        @Test
        void aBodyOverTheLimitIs413() {
            InputStream limited = new AuthenticationFilter(Exchange.defaults(RestConfiguration.class)).limited(
                    new SequenceInputStream(json("{\"definition\":\"order\""), json(" ".repeat(1024 * 1024) + "}")));

            Reply reply = call(() -> resource.start(limited, null, uri()));

            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(coordinator.calls).isEmpty();
        }

        @Test
        void jsonBeyondTheInputLimitsIs400() {
            Reply reply = start("{\"definition\":\"order\",\"input\":{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}}",
                    null);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("JSON_LIMIT_EXCEEDED");
        }
    }

    @Nested
    class OperatorRequests {

        @Test
        void cancelOfARunningSagaIsAcceptedWithTheSagaAsLocation() {
            String id = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);

            Reply reply = call(() -> resource.cancel(id, uri()));

            assertThat(reply.status()).isEqualTo(202);
            assertThat(reply.header("Location")).hasToString(SAGAS_URI + "/" + id);
            assertThat(reply.body().toString()).isEqualTo("{\"saga\":\"" + id + "\",\"action\":\"cancel\"}");
            assertThat(call(() -> resource.get(id)).body().path("state").asText()).isEqualTo("COMPENSATING");
        }

        @Test
        void retryAndSkipOfASagaThatFailedToCompensateAreAccepted() {
            String retried = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.FAILED_TO_COMPENSATE,
                    "x");
            String skipped = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.FAILED_TO_COMPENSATE,
                    "x");

            Reply retry = call(() -> resource.retry(retried, uri()));
            Reply skip = call(() -> resource.skip(skipped, uri()));

            assertThat(retry.status()).isEqualTo(202);
            assertThat(retry.body().path("action").asText()).isEqualTo("retry");
            assertThat(skip.status()).isEqualTo(202);
            assertThat(skip.body().path("action").asText()).isEqualTo("skip");
            assertThat(coordinator.calls).containsExactly("retry " + retried, "skip " + skipped);
        }

        @Test
        void aRequestThatDoesNotApplyToTheSagasStateIs409WithTheReason() {
            String completed = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.COMPLETED, null);
            String running = coordinator.existing(InMemorySagaDefinitionRegistry.ORDER, SagaState.RUNNING, null);

            Reply cancel = call(() -> resource.cancel(completed, uri()));
            Reply retry = call(() -> resource.retry(running, uri()));
            Reply skip = call(() -> resource.skip(completed, uri()));

            assertThat(List.of(cancel, retry, skip)).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(409);
                assertThat(reply.code()).isEqualTo("ILLEGAL_SAGA_STATE");
            });
            assertThat(cancel.body().path("detail").asText()).isEqualTo("cannot cancel saga '" + completed
                    + "' in state COMPLETED: only a RUNNING saga can be cancelled");
            assertThat(retry.body().path("detail").asText()).contains("in state RUNNING", "FAILED_TO_COMPENSATE");
        }

        @Test
        void anUnknownSagaIs404() {
            String ghost = InMemorySagaCoordinator.id(99);
            for (Reply reply : List.of(call(() -> resource.cancel(ghost, uri())), call(() -> resource.retry(ghost, uri())),
                    call(() -> resource.skip(ghost, uri())))) {
                assertThat(reply).extracting(Reply::status, Reply::code).containsExactly(404, "SAGA_NOT_FOUND");
            }
        }
    }

    /** Every route that addresses one saga by id. */
    static Stream<Map.Entry<String, BiFunction<SagasResource, String, Object>>> idRoutes() {
        return Stream.of(
                Map.entry("GET", (r, id) -> r.get(id)),
                Map.entry("cancel", (r, id) -> r.cancel(id, uri())),
                Map.entry("retry", (r, id) -> r.retry(id, uri())),
                Map.entry("skip", (r, id) -> r.skip(id, uri())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a/b", "..%2f", "$(reboot)", "x\u0000y", "é", "a;b",
        "x234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890"
                + "12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901"})
    void anIdNoSagaCanHaveIs400WithoutAskingTheCoordinator(String id) {
        idRoutes().forEach(route -> {
            Reply reply = call(() -> route.getValue().apply(resource, id));

            assertThat(reply.status()).as(route.getKey()).isEqualTo(400);
            assertThat(reply.code()).as(route.getKey()).isEqualTo("INVALID_SAGA_ID");
        });
        assertThat(coordinator.calls).isEmpty();
    }

    @Test
    void acceptsTheLongestLegalId() {
        String longest = "a".repeat(199) + ":";

        assertThat(call(() -> resource.get(longest)).code()).isEqualTo("SAGA_NOT_FOUND");
        assertThat(coordinator.calls).containsExactly("get " + longest);
    }

    @Nested
    class WithoutTheCoordinator {

        private final SagasResource without = new SagasResource();

        static Stream<Map.Entry<String, Function<SagasResource, Object>>> routes() {
            return Stream.concat(Stream.of(
                    Map.entry("GET /sagas", r -> r.list("RUNNING", "order", null, "10")),
                    Map.entry("POST /sagas", r -> r.start(json("{\"definition\":\"order\"}"), "k", uri()))),
                    idRoutes().map(route -> Map.entry(route.getKey() + " /sagas/{id}",
                            r -> route.getValue().apply(r, InMemorySagaCoordinator.id(1)))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("routes")
        void aValidRequestIs503NamingTheFeature(Map.Entry<String, Function<SagasResource, Object>> route) {
            Reply reply = call(() -> route.getValue().apply(without));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("SAGA_UNAVAILABLE");
            assertThat(reply.body().path("detail").asText()).contains("hyperiot-streaming-saga");
        }

        @Test
        void aWrongRequestIsRefusedForWhatItIsFirst() {
            assertThat(call(() -> without.get("a b")).code()).isEqualTo("INVALID_SAGA_ID");
            assertThat(call(() -> without.list("DONE", null, null, null)).code()).isEqualTo("INVALID_PARAMETER");
            assertThat(call(() -> without.list(null, null, null, "0")).code()).isEqualTo("INVALID_PARAMETER");
            assertThat(call(() -> without.start(json("{\"definition\":\"order\"}"), "a b", uri())).code())
                    .isEqualTo("INVALID_IDEMPOTENCY_KEY");
            assertThat(call(() -> without.start(json("{"), null, uri())).code()).isEqualTo("MALFORMED_JSON");
            assertThat(call(() -> without.start(json("{}"), null, uri())).status()).isEqualTo(422);
        }
    }

    @Test
    void aFailureOfTheCoordinatorIs502WithItsMessage() {
        coordinator.failure = new StreamingException("the saga log is not reachable");

        Reply reply = call(() -> resource.get(InMemorySagaCoordinator.id(1)));

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("SAGA_COORDINATOR_ERROR");
        assertThat(reply.body().path("detail").asText()).isEqualTo("the saga log is not reachable");
    }
}
