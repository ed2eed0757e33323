package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.ws.rs.core.SecurityContext;

import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Storm in {@code /health} and {@code /cluster}: shown from the connector's last check, DOWN with
 * its reason when Nimbus does not answer, and counting for the node's status only where the node
 * has Storm work (topology providers registered).
 */
class StormHealthTest {

    private static final Instant CHECKED = InMemoryTopologyService.CHECKED;
    private static final StormClusterStatus UNREACHABLE = new StormClusterStatus(false, null, null, List.of(), 0,
            "127.0.0.1", "No Nimbus leader answered at 127.0.0.1:6627: java.net.ConnectException: Connection refused",
            CHECKED);

    private final KafkaConnector kafka = connector();
    private final InMemoryTopologyService storm = new InMemoryTopologyService();

    private static SecurityContext viewer() {
        return caller("viewer");
    }

    private static SecurityContext anonymous() {
        return caller();
    }

    @Nested
    class Health {

        @Test
        void aReachableStormIsAnUpComponentWithLeaderSupervisorsAndSlots() {
            Reply reply = call(() -> new HealthResource(kafka, List.of(), storm, 0).health(viewer()));

            assertThat(reply.status()).isEqualTo(200);
            JsonNode component = reply.body().path("components").path("storm");
            assertThat(component.toString()).isEqualTo("{\"status\":\"UP\",\"leader\":\"127.0.0.1:6627\","
                    + "\"version\":\"2.8.3\",\"nimbusSeeds\":\"127.0.0.1\",\"supervisors\":1,\"usedSlots\":1,"
                    + "\"freeSlots\":3,\"topologies\":1,\"checkedAt\":\"2026-12-06T10:15:30Z\",\"required\":false,"
                    + "\"topologyProviders\":0}");
        }

        @Test
        void anUnreachableStormOnANodeWithoutStormWorkIsShownDownAndTheNodeStaysUp() {
            storm.cluster = UNREACHABLE;

            Reply reply = call(() -> new HealthResource(kafka, List.of(), storm, 0).health(viewer()));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body().path("status").asText()).isEqualTo("UP");
            JsonNode component = reply.body().path("components").path("storm");
            assertThat(component.path("status").asText()).isEqualTo("DOWN");
            assertThat(component.path("required").asBoolean()).isFalse();
            assertThat(component.path("error").asText())
                    .isEqualTo("No Nimbus leader answered at 127.0.0.1:6627: ConnectException: Connection refused");
            assertThat(component.has("leader")).isFalse();
            assertThat(call(() -> new HealthResource(kafka, List.of(), storm, 0).health(anonymous())).body().toString())
                    .isEqualTo("{\"status\":\"UP\"}");
        }

        @Test
        void anUnreachableStormOnANodeWithTopologyProvidersMakesTheNodeDown() {
            storm.cluster = UNREACHABLE;

            Reply reply = call(() -> new HealthResource(kafka, List.of(), storm, 2).health(viewer()));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.body().path("status").asText()).isEqualTo("DOWN");
            JsonNode component = reply.body().path("components").path("storm");
            assertThat(component.path("required").asBoolean()).isTrue();
            assertThat(component.path("topologyProviders").asInt()).isEqualTo(2);
            assertThat(call(() -> new HealthResource(kafka, List.of(), storm, 2).health(anonymous())).body().toString())
                    .isEqualTo("{\"status\":\"DOWN\"}");
        }

        @Test
        void providersWithoutTheConnectorMakeTheNodeDownAndSayWhatToInstall() {
            Reply reply = call(() -> new HealthResource(kafka, List.of(), null, 1).health(viewer()));

            assertThat(reply.status()).isEqualTo(503);
            JsonNode component = reply.body().path("components").path("storm");
            assertThat(component.path("status").asText()).isEqualTo("DOWN");
            assertThat(component.path("error").asText()).contains("hyperiot-streaming-storm");
            assertThat(component.path("required").asBoolean()).isTrue();
        }

        @Test
        void aNodeWithoutStormShowsNoStormComponent() {
            Reply reply = call(() -> new HealthResource(kafka, List.of(), null, 0).health(viewer()));

            assertThat(reply.status()).isEqualTo(200);
            assertThat(ApiRoutes.names(reply.body().path("components"))).containsExactly("kafka");
        }

        @Test
        void aReachableStormDoesNotHideKafkaBeingDown() {
            KafkaConnector down = connector(new KafkaClusterStatus(false, null, 0, "127.0.0.1:9092",
                    "Kafka did not answer", CHECKED));

            Reply reply = call(() -> new HealthResource(down, List.of(), storm, 1).health(viewer()));

            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.body().path("components").path("storm").path("status").asText()).isEqualTo("UP");
        }

        @Test
        void neverAsksNimbusOnlyTheConnectorsLastCheck() {
            AtomicInteger asked = new AtomicInteger();
            TopologyService counting = (TopologyService) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {TopologyService.class}, (proxy, method, args) -> {
                        if (method.getName().equals("clusterStatus")) {
                            asked.incrementAndGet();
                            return storm.clusterStatus();
                        }
                        throw new AssertionError("/health called " + method.getName() + ", which asks Nimbus");
                    });
            HealthResource health = new HealthResource(kafka, List.of(), counting, 1);

            for (int i = 0; i < 100; i++) {
                assertThat(call(() -> health.health(anonymous())).status()).isEqualTo(200);
            }
            assertThat(asked).hasValue(100);
        }
    }

    @Nested
    class Cluster {

        @Test
        void showsTheStormClusterWithEachSupervisorsSlots() {
            storm.cluster = new StormClusterStatus(true, "127.0.0.1:6627", "2.8.3", List.of(
                    new StormClusterStatus.Supervisor("sup-1", "127.0.0.1", 4, 1, 120),
                    new StormClusterStatus.Supervisor("sup-2", "127.0.0.2", 2, 2, 60)), 3, "127.0.0.1,127.0.0.2", null,
                    CHECKED);

            Reply reply = call(() -> new ClusterResource(kafka, storm).cluster());

            assertThat(reply.status()).isEqualTo(200);
            JsonNode cluster = reply.body().path("storm");
            assertThat(cluster.path("status").asText()).isEqualTo("UP");
            assertThat(cluster.path("leader").asText()).isEqualTo("127.0.0.1:6627");
            assertThat(cluster.path("usedSlots").asInt()).isEqualTo(3);
            assertThat(cluster.path("freeSlots").asInt()).isEqualTo(3);
            assertThat(cluster.path("topologies").asInt()).isEqualTo(3);
            assertThat(cluster.path("supervisors").get(1).toString()).isEqualTo("{\"id\":\"sup-2\",\"host\":\"127.0.0.2\","
                    + "\"totalSlots\":2,\"usedSlots\":2,\"freeSlots\":0,\"uptimeSeconds\":60}");
            assertThat(reply.body().path("kafka").path("status").asText()).isEqualTo("UP");
        }

        @Test
        void showsAnUnreachableStormAsDownWithItsReason() {
            storm.cluster = UNREACHABLE;

            JsonNode cluster = call(() -> new ClusterResource(kafka, storm).cluster()).body().path("storm");

            assertThat(cluster.path("status").asText()).isEqualTo("DOWN");
            assertThat(cluster.path("error").asText()).startsWith("No Nimbus leader answered");
            assertThat(cluster.path("supervisors")).isEmpty();
        }

        @Test
        void showsNotInstalledWithoutTheConnector() {
            Reply reply = call(() -> new ClusterResource(kafka, null).cluster());

            assertThat(reply.body().path("storm").toString()).isEqualTo("{\"status\":\"NOT_INSTALLED\"}");
        }
    }

    private static SecurityContext caller(String... roles) {
        Set<String> held = Set.of(roles);
        return (SecurityContext) Proxy.newProxyInstance(SecurityContext.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "isUserInRole" -> held.contains((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static KafkaConnector connector() {
        return connector(new KafkaClusterStatus(true, "cluster-1", 1, "127.0.0.1:9092", null, CHECKED));
    }

    private static KafkaConnector connector(KafkaClusterStatus status) {
        return (KafkaConnector) Proxy.newProxyInstance(KafkaConnector.class.getClassLoader(),
                new Class<?>[] {KafkaConnector.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "clusterStatus" -> status;
                    case "identity" -> new ClusterIdentity("microservices", "1");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
