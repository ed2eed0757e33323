package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;
import static org.hyperiot.streaming.rest.internal.Exchange.json;

import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SagaDefinitionsResourceTest {

    static final String DEFINITIONS_URI = "http://127.0.0.1:8181/streaming/api/v1/saga-definitions";

    /** SPEC §8's example as the format writes it back: the timeout always, retry only when not the default. */
    static final String ORDER_AS_WRITTEN = "{\"name\":\"order\",\"timeout\":\"5m\",\"steps\":["
            + "{\"name\":\"reserve\",\"participant\":\"inventory\",\"action\":\"reserve\",\"compensation\":\"release\","
            + "\"timeout\":\"10s\"},"
            + "{\"parallel\":[{\"name\":\"charge\",\"participant\":\"payments\",\"action\":\"charge\","
            + "\"compensation\":\"refund\"},{\"name\":\"notify\",\"participant\":\"mailer\",\"action\":\"confirm\"}]},"
            + "{\"name\":\"ship\",\"participant\":\"shipping\",\"action\":\"ship\",\"compensation\":\"cancel-shipment\"}]}";

    private final InMemorySagaDefinitionRegistry registry = new InMemorySagaDefinitionRegistry();
    private final TestSagaDefinitionFormat format = new TestSagaDefinitionFormat();
    private final SagaDefinitionsResource resource = new SagaDefinitionsResource(registry, format);

    private static String minimal(String name) {
        return """
                {"name": "%s", "steps": [{"name": "a", "participant": "p", "action": "do"}]}""".formatted(name);
    }

    private Reply post(String body) {
        return call(() -> resource.create(json(body), Exchange.uri(DEFINITIONS_URI)));
    }

    private static List<String> pointers(Reply reply) {
        return reply.body().path("errors").findValuesAsText("pointer");
    }

    @Nested
    class Reading {

        @Test
        void listsEveryDefinitionInItsJsonForm() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            Reply reply = call(resource::list);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().toString()).isEqualTo("[" + ORDER_AS_WRITTEN + "]");
        }

        @Test
        void listsNothingAsAnEmptyArray() {
            assertThat(call(resource::list).body().toString()).isEqualTo("[]");
        }

        @Test
        void givesOneDefinitionByName() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            Reply reply = call(() -> resource.get("order"));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().toString()).isEqualTo(ORDER_AS_WRITTEN);
        }

        @Test
        void anUnknownDefinitionIs404() {
            Reply reply = call(() -> resource.get("ghost"));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("SAGA_DEFINITION_NOT_FOUND");
            assertThat(reply.body().path("detail").asText()).contains("ghost");
        }
    }

    @Nested
    class Create {

        @Test
        void storesTheDefinitionAndAnswers201WithItsLocation() {
            Reply reply = post(ORDER_AS_WRITTEN);

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.header("Location")).hasToString(DEFINITIONS_URI + "/order");
            assertThat(reply.body().toString()).isEqualTo(ORDER_AS_WRITTEN);
            assertThat(registry.calls).containsExactly("create order");
            assertThat(registry.find("order")).isEqualTo(InMemorySagaDefinitionRegistry.ORDER);
        }

        @Test
        void writesTheDefaultsOut() {
            Reply reply = post(minimal("small"));

            assertThat(reply.status()).isEqualTo(201);
            assertThat(reply.body().path("timeout").asText()).isEqualTo("1h");
        }

        @Test
        void aDuplicateNameIs409() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            Reply reply = post(ORDER_AS_WRITTEN);

            assertThat(reply.status()).isEqualTo(409);
            assertThat(reply.code()).isEqualTo("SAGA_DEFINITION_EXISTS");
            assertThat(reply.body().path("detail").asText()).contains("order");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "  ", "{\"name\": ", "{\"name\": \"a\", \"name\": \"b\"}", "{} {}", "{'name': 'x'}"})
        void malformedJsonIs400WithoutReadingIt(String body) {
            Reply reply = post(body);

            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.code()).isEqualTo("MALFORMED_JSON");
            assertThat(reply.header("Content-Type")).hasToString(Problem.MEDIA_TYPE);
            assertThat(format.calls).isEmpty();
            assertThat(registry.calls).isEmpty();
        }

        @Test
        void aMalformedDocumentSaysWhere() {
            Reply reply = post("{\"name\": ");

            assertThat(reply.body().path("detail").asText()).contains("line 1");
        }

        @Test
        void everyProblemOfAnInvalidDefinitionIs422WithItsPointer() {
            Reply reply = post("""
                    {"name": "order", "colour": "red", "timeout": "5 minutes",
                     "steps": [{"name": "reserve", "action": "reserve"},
                               {"parallel": [{"name": "charge", "participant": "payments", "action": "charge", "acks": 1}]}]}""");

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_SAGA_DEFINITION");
            assertThat(reply.body().path("type").asText()).isEqualTo("https://hyperiot.org/problems/invalid-saga-definition");
            assertThat(reply.body().path("detail").asText()).isEqualTo("The saga definition has 4 errors; see errors");
            assertThat(pointers(reply)).containsExactlyInAnyOrder("/colour", "/timeout", "/steps/0/participant",
                    "/steps/1/parallel/0/acks");
            assertThat(registry.calls).isEmpty();
        }

        @Test
        void aBrokenRuleIs422WithThePointerOfTheMember() {
            Reply reply = post("""
                    {"name": "twice", "steps": [{"name": "a", "participant": "p", "action": "x"},
                                                {"name": "a", "participant": "p", "action": "y"}]}""");

            assertThat(reply.status()).isEqualTo(422);
            assertThat(pointers(reply)).containsExactly("/steps/1/name");
        }

        @Test
        void passesOnTheRegistrysOwnRulesWithTheirPointers() {
            registry.extraRule = new ValidationError("/steps/0/participant", "no participant 'inventory' is known");

            Reply reply = post(ORDER_AS_WRITTEN);

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_SAGA_DEFINITION");
            assertThat(reply.body().path("errors").toString()).isEqualTo("[{\"pointer\":\"/steps/0/participant\","
                    + "\"message\":\"no participant 'inventory' is known\"}]");
        }

        @Test
        void jsonBeyondTheInputLimitsIs400() {
            Reply deep = post("{\"name\":\"x\",\"steps\":" + "[".repeat(100) + "]".repeat(100) + "}");
            Reply hugeNumber = post("{\"name\":" + "1".repeat(5_000) + "}");

            assertThat(List.of(deep, hugeNumber)).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.code()).isEqualTo("JSON_LIMIT_EXCEEDED");
            });
            assertThat(format.calls).isEmpty();
        }
    }

    @Nested
    class Replace {

        @Test
        void replacesTheDefinition() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            Reply reply = call(() -> resource.update("order", json("""
                    {"name": "order", "timeout": "10m", "steps": [{"name": "a", "participant": "p", "action": "do"}]}""")));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("timeout").asText()).isEqualTo("10m");
            assertThat(registry.find("order").steps()).hasSize(1);
        }

        @Test
        void aBodyNamingAnotherDefinitionIs422AtName() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            Reply reply = call(() -> resource.update("order", json(minimal("other"))));

            assertThat(reply.status()).isEqualTo(422);
            assertThat(reply.code()).isEqualTo("INVALID_SAGA_DEFINITION");
            assertThat(pointers(reply)).containsExactly("/name");
            assertThat(reply.body().path("errors").get(0).path("message").asText()).contains("'order'", "renamed");
            assertThat(registry.calls).isEmpty();
        }

        @Test
        void anAbsentDefinitionIs404() {
            Reply reply = call(() -> resource.update("ghost", json(minimal("ghost"))));

            assertThat(reply.status()).isEqualTo(404);
            assertThat(reply.code()).isEqualTo("SAGA_DEFINITION_NOT_FOUND");
        }

        @Test
        void malformedIs400AndInvalidIs422() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            assertThat(call(() -> resource.update("order", json("{"))).code()).isEqualTo("MALFORMED_JSON");
            Reply invalid = call(() -> resource.update("order", json("{\"name\": \"order\", \"steps\": []}")));
            assertThat(invalid.status()).isEqualTo(422);
            assertThat(pointers(invalid)).containsExactly("/steps");
            assertThat(registry.calls).isEmpty();
        }
    }

    @Nested
    class Delete {

        @Test
        void removesTheDefinition() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);

            Reply reply = call(() -> resource.delete("order"));

            assertThat(reply.status()).isEqualTo(204);
            assertThat(registry.calls).containsExactly("delete order");
            assertThat(call(() -> resource.get("order")).status()).isEqualTo(404);
        }

        @Test
        void anAbsentDefinitionIs404() {
            assertThat(call(() -> resource.delete("ghost")))
                    .extracting(Reply::status, Reply::code).containsExactly(404, "SAGA_DEFINITION_NOT_FOUND");
        }
    }

    @Nested
    class Validate {

        @Test
        void acceptsAValidDefinitionWithoutStoringIt() {
            Reply reply = call(() -> resource.validate(json(ORDER_AS_WRITTEN)));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().toString()).isEqualTo("{\"valid\":true,\"errors\":[]}");
            assertThat(registry.calls).containsExactly("validate order");
            assertThat(call(() -> resource.get("order")).status()).isEqualTo(404);
        }

        @Test
        void holdsTheDefinitionToTheRegistrysRulesToo() {
            registry.extraRule = new ValidationError("/steps/0/participant", "no participant 'inventory' is known");

            Reply reply = call(() -> resource.validate(json(ORDER_AS_WRITTEN)));

            assertThat(reply.body().path("valid").asBoolean()).isFalse();
            assertThat(pointers(reply)).containsExactly("/steps/0/participant");
        }

        @Test
        void listsEveryErrorWithItsPointer() {
            Reply reply = call(() -> resource.validate(json("""
                    {"name": "Bad Name", "colour": "red", "steps": [{"name": "a", "participant": "p"}]}""")));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("valid").asBoolean()).isFalse();
            assertThat(pointers(reply)).containsExactlyInAnyOrder("/colour", "/steps/0/action");
        }

        @Test
        void reportsMalformedJsonAsInvalidEvenWithoutTheCoordinator() {
            for (SagaDefinitionsResource withOrWithout : List.of(resource, new SagaDefinitionsResource())) {
                Reply reply = call(() -> withOrWithout.validate(json("{\"name\": ")));

                assertThat(reply.status()).isEqualTo(200);
                assertThat(reply.body().path("valid").asBoolean()).isFalse();
                assertThat(reply.body().path("errors").get(0).path("pointer").asText()).isEmpty();
                assertThat(reply.body().path("errors").get(0).path("message").asText()).contains("line 1");
            }
        }
    }

    @Nested
    class BodyLimit {

        private InputStream overTheLimit() {
            InputStream body = new SequenceInputStream(json(minimal("big")), json(" ".repeat(1024 * 1024)));
            return new AuthenticationFilter(Exchange.defaults(RestConfiguration.class)).limited(body);
        }

        @Test
        void aBodyOverOneMebibyteIs413OnEveryRouteThatTakesOne() {
            registry.existing(InMemorySagaDefinitionRegistry.ORDER);
            List<Reply> replies = List.of(
                    call(() -> resource.create(overTheLimit(), Exchange.uri(DEFINITIONS_URI))),
                    call(() -> resource.update("big", overTheLimit())),
                    call(() -> resource.validate(overTheLimit())));

            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(413);
                assertThat(reply.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            });
            assertThat(format.calls).isEmpty();
            assertThat(registry.calls).isEmpty();
        }
    }

    /** Every route that addresses one definition by name. */
    static Stream<Map.Entry<String, BiFunction<SagaDefinitionsResource, String, Object>>> namedRoutes() {
        return Stream.of(
                Map.entry("GET", (r, n) -> r.get(n)),
                Map.entry("PUT", (r, n) -> r.update(n, json(minimal("x")))),
                Map.entry("DELETE", (r, n) -> r.delete(n)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../etc", "Upper", "a b", "-lead", "_lead", "a/b", "a:b", "", "é",
        "x234567890123456789012345678901234567890123456789012345678901234"})
    void aNameNoDefinitionCanHaveIs400WithoutAskingTheRegistry(String name) {
        namedRoutes().forEach(route -> {
            Reply reply = call(() -> route.getValue().apply(resource, name));

            assertThat(reply.status()).as(route.getKey()).isEqualTo(400);
            assertThat(reply.code()).as(route.getKey()).isEqualTo("INVALID_SAGA_DEFINITION_NAME");
        });
        assertThat(registry.calls).isEmpty();
        assertThat(format.calls).isEmpty();
    }

    @Test
    void acceptsTheLongestAndOddestLegalNames() {
        String longest = "x23456789012345678901234567890123456789012345678901234567890123";
        assertThat(post(minimal(longest)).status()).isEqualTo(201);
        assertThat(post(minimal("0.a_b-c")).status()).isEqualTo(201);

        assertThat(call(() -> resource.get(longest)).status()).isEqualTo(200);
        assertThat(call(() -> resource.get("0.a_b-c")).status()).isEqualTo(200);
    }

    @Nested
    class WithoutTheCoordinator {

        private final SagaDefinitionsResource without = new SagaDefinitionsResource();

        static Stream<Map.Entry<String, Function<SagaDefinitionsResource, Object>>> routes() {
            return Stream.of(
                    Map.entry("GET /saga-definitions", SagaDefinitionsResource::list),
                    Map.entry("POST /saga-definitions", r -> r.create(json(minimal("s")), Exchange.uri(DEFINITIONS_URI))),
                    Map.entry("POST /saga-definitions/validate", r -> r.validate(json(minimal("s")))),
                    Map.entry("GET /saga-definitions/{name}", r -> r.get("s")),
                    Map.entry("PUT /saga-definitions/{name}", r -> r.update("s", json(minimal("s")))),
                    Map.entry("DELETE /saga-definitions/{name}", r -> r.delete("s")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("routes")
        void aValidRequestIs503NamingTheFeature(Map.Entry<String, Function<SagaDefinitionsResource, Object>> route) {
            Reply reply = call(() -> route.getValue().apply(without));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.code()).isEqualTo("SAGA_UNAVAILABLE");
            assertThat(reply.body().path("detail").asText()).contains("hyperiot-streaming-saga");
        }

        @Test
        void aWrongRequestIsRefusedForWhatItIsFirst() {
            assertThat(call(() -> without.get("../etc")).status()).isEqualTo(400);
            assertThat(call(() -> without.delete("Upper")).status()).isEqualTo(400);
            assertThat(call(() -> without.create(json("{"), Exchange.uri(DEFINITIONS_URI))).code())
                    .isEqualTo("MALFORMED_JSON");
            assertThat(call(() -> without.update("s", json("[1,"))).code()).isEqualTo("MALFORMED_JSON");
        }
    }

    @Test
    void aFailureOfTheCoordinatorIs502WithItsMessage() {
        registry.failure = new StreamingException("the saga definitions topic is not reachable");

        Reply reply = call(resource::list);

        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.code()).isEqualTo("SAGA_COORDINATOR_ERROR");
        assertThat(reply.body().path("detail").asText()).isEqualTo("the saga definitions topic is not reachable");
    }
}
