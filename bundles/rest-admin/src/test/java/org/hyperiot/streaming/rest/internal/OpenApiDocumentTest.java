package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Response;

import org.hyperiot.streaming.rest.internal.ApiRoutes.Route;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Holds the hand-written {@code openapi.json} to the API as the resource classes declare it: the
 * same routes, the same roles, the bodies and query parameters each route takes, and a document
 * whose references all resolve.
 */
class OpenApiDocumentTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode document() {
        try {
            return MAPPER.readTree(OpenApiResource.read());
        } catch (IOException e) {
            throw new AssertionError("openapi.json is not JSON", e);
        }
    }

    private static Map<Route, Method> served() {
        return ApiRoutes.declared(ApiRoutes.registeredResourceClasses());
    }

    /** The documented operations by "METHOD /path", so that a role mismatch does not hide the operation. */
    private static Map<String, JsonNode> operationsByKey() {
        Map<String, JsonNode> operations = new HashMap<>();
        ApiRoutes.documented(document()).forEach((route, operation) -> operations.put(route.key(), operation));
        return operations;
    }

    @Nested
    class AgainstTheResources {

        @Test
        void findsEveryResourceClassTheApplicationRegisters() {
            List<Class<?>> registered = ApiRoutes.registeredResourceClasses();

            assertThat(registered).contains(HealthResource.class, ClusterResource.class, StreamsResource.class,
                    ProcessorsResource.class, TopicsResource.class, AclsResource.class, MetricsResource.class,
                    OpenApiResource.class, TopologiesResource.class, SagaDefinitionsResource.class,
                    SagasResource.class);
            // A @Path class the whiteboard does not register would be a route nobody can reach.
            assertThat(registered).containsExactlyInAnyOrderElementsOf(ApiRoutes.pathAnnotatedClasses());
        }

        @Test
        void documentsEveryServedRouteWithItsRoleAndNothingElse() {
            List<String> differences = ApiRoutes.differences(served().keySet(),
                    ApiRoutes.documented(document()).keySet());

            assertThat(differences).isEmpty();
            assertThat(served().keySet()).contains(
                    new Route("GET", "/metrics", "viewer"),
                    new Route("GET", "/openapi.json", null),
                    new Route("GET", "/health", null),
                    new Route("DELETE", "/streams/{name}", "admin"),
                    new Route("POST", "/streams/{name}/restart", "manager"),
                    new Route("GET", "/topologies", "viewer"),
                    new Route("GET", "/topologies/{id}", "viewer"),
                    new Route("POST", "/topologies/{id}/activate", "manager"),
                    new Route("POST", "/topologies/{id}/deactivate", "manager"),
                    new Route("POST", "/topologies/{id}/rebalance", "manager"),
                    new Route("POST", "/topologies/{id}/kill", "manager"),
                    new Route("GET", "/saga-definitions", "viewer"),
                    new Route("POST", "/saga-definitions", "admin"),
                    new Route("POST", "/saga-definitions/validate", "viewer"),
                    new Route("GET", "/saga-definitions/{name}", "viewer"),
                    new Route("PUT", "/saga-definitions/{name}", "admin"),
                    new Route("DELETE", "/saga-definitions/{name}", "admin"),
                    new Route("GET", "/sagas", "viewer"),
                    new Route("POST", "/sagas", "manager"),
                    new Route("GET", "/sagas/{id}", "viewer"),
                    new Route("POST", "/sagas/{id}/cancel", "manager"),
                    new Route("POST", "/sagas/{id}/retry", "manager"),
                    new Route("POST", "/sagas/{id}/skip", "manager"));
        }

        @Test
        void documentsTheBodyOfEveryRouteThatReadsOneAndOfNoOther() {
            Map<String, JsonNode> documented = operationsByKey();
            served().forEach((route, handler) -> {
                JsonNode operation = documented.getOrDefault(route.key(), MissingNode.getInstance());
                boolean readsBody = List.of(handler.getParameters()).stream()
                        .anyMatch(p -> p.getAnnotations().length == 0);

                assertThat(operation.has("requestBody")).as(route.key()).isEqualTo(readsBody);
                if (readsBody) {
                    assertThat(ApiRoutes.names(operation.path("responses"))).as(route.key()).contains("413", "415");
                }
            });
        }

        @Test
        void documentsTheQueryParametersOfEveryRoute() {
            Map<String, JsonNode> documented = operationsByKey();
            served().forEach((route, handler) -> {
                Set<String> declared = new HashSet<>();
                for (Parameter parameter : handler.getParameters()) {
                    QueryParam query = parameter.getAnnotation(QueryParam.class);
                    if (query != null) {
                        declared.add(query.value());
                    }
                }
                Set<String> described = new HashSet<>();
                documented.getOrDefault(route.key(), MissingNode.getInstance()).path("parameters").forEach(p -> {
                    if (p.path("in").asText().equals("query")) {
                        described.add(p.path("name").asText());
                    }
                });

                assertThat(described).as(route.key()).isEqualTo(declared);
            });
        }
    }

    /** The comparison itself must catch what it is there to catch. */
    @Nested
    class TheComparison {

        /** The object at that chain of members, created where missing. */
        private static ObjectNode at(ObjectNode root, String... members) {
            ObjectNode node = root;
            for (String member : members) {
                node = node.get(member) instanceof ObjectNode child ? child : node.putObject(member);
            }
            return node;
        }

        /** Against the unchanged document's routes, so that only the change shows, whatever the code does. */
        private List<String> differencesWith(ObjectNode changed) {
            return ApiRoutes.differences(ApiRoutes.documented(document()).keySet(),
                    ApiRoutes.documented(changed).keySet());
        }

        @Test
        void reportsAServedRouteMissingFromTheDocument() {
            ObjectNode incomplete = (ObjectNode) document();
            at(incomplete, "paths", "/streams/{name}/status").remove("get");
            at(incomplete, "paths").remove("/metrics");

            assertThat(differencesWith(incomplete)).containsExactly(
                    "GET /metrics is served but not documented",
                    "GET /streams/{name}/status is served but not documented");
        }

        @Test
        void reportsADocumentedRouteNoResourceServes() {
            ObjectNode invented = (ObjectNode) document();
            at(invented, "paths", "/inventions/{id}", "get").put("x-required-role", "viewer");
            at(invented, "paths", "/streams", "delete");

            assertThat(differencesWith(invented)).containsExactly(
                    "DELETE /streams is documented but no resource serves it",
                    "GET /inventions/{id} is documented but no resource serves it");
        }

        @Test
        void reportsARoleThatDiffersFromTheRoute() {
            ObjectNode wrong = (ObjectNode) document();
            at(wrong, "paths", "/metrics", "get").put("x-required-role", "admin");
            at(wrong, "paths", "/streams/{name}", "delete").remove("x-required-role");
            at(wrong, "paths", "/health", "get").put("x-required-role", "viewer");

            assertThat(differencesWith(wrong)).containsExactly(
                    "DELETE /streams/{name} requires the admin role but is documented as requiring no role",
                    "GET /health requires no role but is documented as requiring the viewer role",
                    "GET /metrics requires the viewer role but is documented as requiring the admin role");
        }

        @Path("things/")
        static class Things {

            @GET
            @Path("/{id : [0-9]{1,3}}/parts/")
            @RequiresRole(Role.MANAGER)
            public Response parts() {
                return Response.ok().build();
            }

            @DELETE
            @Path("{id}")
            public void remove() {
            }

            public void notARoute() {
            }
        }

        @Test
        void comparesPathTemplatesByNameWhateverTheirRegexOrSlashes() {
            Set<Route> things = ApiRoutes.declared(List.of(Things.class)).keySet();

            assertThat(things).containsExactlyInAnyOrder(new Route("GET", "/things/{id}/parts", "manager"),
                    new Route("DELETE", "/things/{id}", null));
            assertThat(ApiRoutes.differences(things, List.of(new Route("GET", "/things/{id}/parts", "manager"),
                    new Route("DELETE", "/things/{thing}", null)))).containsExactly(
                            "DELETE /things/{id} is served but not documented",
                            "DELETE /things/{thing} is documented but no resource serves it");
        }
    }

    @Nested
    class AsADocument {

        @Test
        void isOpenApi3WithHttpBasicAsItsSecurityScheme() {
            JsonNode document = document();

            assertThat(document.path("openapi").asText()).startsWith("3.0.");
            assertThat(document.path("info").path("title").asText()).isNotEmpty();
            assertThat(document.path("servers").get(0).path("url").asText()).isEqualTo("/streaming/api/v1");
            JsonNode basic = document.path("components").path("securitySchemes").path("basicAuth");
            assertThat(basic.path("type").asText()).isEqualTo("http");
            assertThat(basic.path("scheme").asText()).isEqualTo("basic");
            assertThat(document.path("security").toString()).isEqualTo("[{\"basicAuth\":[]}]");
        }

        @Test
        void statesEachOperationsRoleInWordsAndInItsSecurity() {
            ApiRoutes.documented(document()).forEach((route, operation) -> {
                String description = operation.path("description").asText();
                List<String> responses = ApiRoutes.names(operation.path("responses"));
                // Wrong credentials are refused everywhere, public routes included.
                assertThat(responses).as(route.key()).contains("401");
                if (route.role() == null) {
                    assertThat(description).as(route.key()).contains("No credentials needed.");
                    assertThat(operation.path("security").toString()).as(route.key())
                            .isEqualTo("[{},{\"basicAuth\":[]}]");
                } else {
                    assertThat(description).as(route.key()).contains("Requires the " + route.role() + " role.");
                    assertThat(operation.has("security")).as(route.key()).isFalse();
                    assertThat(responses).as(route.key()).contains("403");
                }
            });
        }

        @Test
        void givesEveryOperationAUniqueIdAndASuccessResponse() {
            Set<String> ids = new HashSet<>();
            ApiRoutes.documented(document()).forEach((route, operation) -> {
                assertThat(ids.add(operation.path("operationId").asText())).as(route.key() + " operationId").isTrue();
                assertThat(ApiRoutes.names(operation.path("responses"))).as(route.key())
                        .anyMatch(code -> code.startsWith("2"));
            });
        }

        @Test
        void declaresEveryPathParameter() {
            JsonNode document = document();
            document.path("paths").fields().forEachRemaining(path -> {
                List<String> declared = new ArrayList<>();
                path.getValue().path("parameters")
                        .forEach(p -> declared.add(resolve(document, p).path("name").asText()));

                assertThat(declared).as(path.getKey())
                        .containsExactlyInAnyOrderElementsOf(ApiRoutes.templateNames(path.getKey()));
            });
        }

        @Test
        void resolvesEveryReference() {
            JsonNode document = document();
            List<String> references = new ArrayList<>();
            document.findValues("$ref").forEach(ref -> references.add(ref.asText()));

            assertThat(references).isNotEmpty().allSatisfy(ref -> assertThat(ref).startsWith("#/"));
            assertThat(references).allSatisfy(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                    .as(ref).isFalse());
        }

        @Test
        void describesTheProblemBody() {
            JsonNode schemas = document().path("components").path("schemas");

            assertThat(ApiRoutes.names(schemas.path("Problem").path("properties")))
                    .containsExactly("type", "title", "status", "detail", "code", "errors");
            assertThat(schemas.path("Problem").path("properties").path("errors").path("items").path("$ref").asText())
                    .isEqualTo("#/components/schemas/FieldError");
            assertThat(ApiRoutes.names(schemas.path("FieldError").path("properties")))
                    .containsExactly("pointer", "message");
        }

        private static JsonNode resolve(JsonNode document, JsonNode node) {
            return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
        }
    }

    @Test
    void isServedAsWrittenAsJsonWithoutCredentials() throws IOException, NoSuchMethodException {
        Response response = new OpenApiResource().document();

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getMediaType()).hasToString("application/json");
        assertThat((byte[]) response.getEntity()).isEqualTo(OpenApiResource.read());
        assertThat(MAPPER.readTree((byte[]) response.getEntity()).path("paths").has("/openapi.json")).isTrue();
        assertThat(OpenApiResource.class.getMethod("document").getAnnotation(RequiresRole.class)).isNull();
    }
}
