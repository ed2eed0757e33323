package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.api.health.HealthContributor;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Test;

class HealthResourceTest {

    private static final Instant CHECKED = Instant.parse("2026-12-06T10:15:30Z");
    private static final String UNFIT = "Topic hyperiot-streaming-definitions has cleanup.policy=delete: Kafka would "
            + "delete the stream definitions by age or size. Make it compacted.";

    private final KafkaConnector reachable = connector(new KafkaClusterStatus(true, "cluster-1", 1, "127.0.0.1:9092",
            null, CHECKED));

    @Test
    void aComponentThatIsDownMakesTheNodeDownAndViewersSeeWhy() {
        HealthResource health = new HealthResource(reachable, List.of(runtime(ComponentHealth.down(UNFIT,
                Map.of("definitionsTopic", "hyperiot-streaming-definitions", "definitionsTopicCheck", "unfit"),
                CHECKED))));

        Reply viewer = call(() -> health.health(caller("viewer")));

        assertThat(viewer.status()).isEqualTo(503);
        assertThat(viewer.body().path("status").asText()).isEqualTo("DOWN");
        assertThat(viewer.body().path("components").path("kafka").path("status").asText()).isEqualTo("UP");
        JsonNode runtime = viewer.body().path("components").path("streamRuntime");
        assertThat(runtime.path("status").asText()).isEqualTo("DOWN");
        assertThat(runtime.path("error").asText()).isEqualTo(UNFIT);
        assertThat(runtime.path("definitionsTopic").asText()).isEqualTo("hyperiot-streaming-definitions");
        assertThat(runtime.path("definitionsTopicCheck").asText()).isEqualTo("unfit");
        assertThat(runtime.path("checkedAt").asText()).isEqualTo("2026-12-06T10:15:30Z");

        Reply anonymous = call(() -> health.health(caller()));
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.body().toString()).isEqualTo("{\"status\":\"DOWN\"}");
    }

    @Test
    void everyComponentUpMakesTheNodeUp() {
        HealthResource health = new HealthResource(reachable, List.of(runtime(ComponentHealth.up(
                Map.of("definitionsTopic", "hyperiot-streaming-definitions"), CHECKED))));

        Reply viewer = call(() -> health.health(caller("viewer")));

        assertThat(viewer.status()).isEqualTo(200);
        assertThat(viewer.body().path("status").asText()).isEqualTo("UP");
        assertThat(viewer.body().path("components").path("streamRuntime").path("status").asText()).isEqualTo("UP");
        assertThat(viewer.body().path("components").path("streamRuntime").has("error")).isFalse();
    }

    @Test
    void withoutContributorsKafkaAloneDecides() {
        Reply up = call(() -> new HealthResource(reachable, List.of()).health(caller("viewer")));
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.body().path("components").size()).isEqualTo(1);

        Reply down = call(() -> new HealthResource(null, List.of()).health(caller()));
        assertThat(down.status()).isEqualTo(503);
    }

    @Test
    void theNodeIsDownUntilKarafHasStartedItsBootFeatures() {
        Set<String> services = new HashSet<>(Set.of(KarafBoot.FEATURES_SERVICE));
        HealthResource health = new HealthResource(reachable, List.of(runtime(ComponentHealth.up(Map.of(), CHECKED))),
                new KarafBoot(services::contains));

        Reply booting = call(() -> health.health(caller("viewer")));
        assertThat(booting.status()).isEqualTo(503);
        assertThat(booting.body().path("components").path("karaf").path("error").asText())
                .isEqualTo(KarafBoot.INSTALLING);
        assertThat(call(() -> health.health(caller())).body().toString()).isEqualTo("{\"status\":\"DOWN\"}");

        services.add(KarafBoot.BOOT_FINISHED);
        Reply booted = call(() -> health.health(caller("viewer")));
        assertThat(booted.status()).isEqualTo(200);
        assertThat(booted.body().path("components").path("karaf").toString())
                .isEqualTo("{\"status\":\"UP\",\"bootFeatures\":\"started\"}");

        // Karaf does not boot twice: the node stays UP without asking again.
        services.clear();
        assertThat(call(() -> health.health(caller())).status()).isEqualTo(200);
    }

    @Test
    void outsideKarafThereIsNoBootToWaitFor() {
        Reply reply = call(() -> new HealthResource(reachable, List.of(), new KarafBoot(service -> false))
                .health(caller("viewer")));

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().path("components").has("karaf")).isFalse();
    }

    @Test
    void aContributorThatFailsToAnswerCountsAsDown() {
        HealthContributor broken = new HealthContributor() {
            @Override
            public String component() {
                return "storm";
            }

            @Override
            public ComponentHealth health() {
                throw new IllegalStateException("not started");
            }
        };

        Reply reply = call(() -> new HealthResource(reachable, List.of(broken)).health(caller("viewer")));

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.body().path("components").path("storm").path("error").asText()).contains("not started");
    }

    private static HealthContributor runtime(ComponentHealth health) {
        return new HealthContributor() {
            @Override
            public String component() {
                return "streamRuntime";
            }

            @Override
            public ComponentHealth health() {
                return health;
            }
        };
    }

    private static SecurityContext caller(String... roles) {
        Set<String> held = Set.of(roles);
        return (SecurityContext) Proxy.newProxyInstance(SecurityContext.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "isUserInRole" -> held.contains((String) arguments[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
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
