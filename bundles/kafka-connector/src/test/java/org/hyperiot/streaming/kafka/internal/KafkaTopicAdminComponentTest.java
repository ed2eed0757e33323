package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.junit.jupiter.api.Test;

class KafkaTopicAdminComponentTest {

    private final Deque<Admin> admins = new ArrayDeque<>();
    private final List<String> calls = new ArrayList<>();
    private final List<Runnable> reconfigurationListeners = new ArrayList<>();
    private final ConnectorReconfiguration reconfiguration = new ConnectorReconfiguration() {
        @Override
        public void addListener(Runnable listener) {
            reconfigurationListeners.add(listener);
        }

        @Override
        public void removeListener(Runnable listener) {
            reconfigurationListeners.remove(listener);
        }
    };

    @Test
    void aCallThatMeetsItsClientClosedByAReconfigurationIsMadeOnceMoreOnTheNewClient() {
        admins.add(admin("old", () -> {
            // The configuration changes while the call is under way: the old client is closed under it.
            reconfigurationListeners.forEach(Runnable::run);
            return failed(new TimeoutException("The AdminClient thread has exited. Call: createTopics"));
        }));
        admins.add(admin("new", () -> KafkaFuture.completedFuture(null)));
        KafkaTopicAdminComponent topicAdmin = new KafkaTopicAdminComponent(connector(), reconfiguration);

        topicAdmin.createTopic("telemetry", 3, (short) 1, Map.of());

        assertThat(calls).containsExactly("old createTopics", "old close", "new createTopics");
    }

    @Test
    void withoutAReconfigurationAFailureIsTheCallersWithItsCode() {
        admins.add(admin("only", () -> failed(new TopicExistsException("Topic 'telemetry' already exists."))));
        KafkaTopicAdminComponent topicAdmin = new KafkaTopicAdminComponent(connector(), reconfiguration);

        assertThatThrownBy(() -> topicAdmin.createTopic("telemetry", 3, (short) 1, Map.of()))
                .isInstanceOfSatisfying(KafkaAdminException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("TOPIC_EXISTS"));
        assertThat(calls).containsExactly("only createTopics");
    }

    private KafkaConnector connector() {
        return (KafkaConnector) Proxy.newProxyInstance(KafkaConnector.class.getClassLoader(),
                new Class<?>[] {KafkaConnector.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "newAdmin" -> admins.remove();
                    case "identity" -> new ClusterIdentity("microservices", "1");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An admin client that answers createTopics from {@code outcome} and records what it is asked. */
    private Admin admin(String name, Supplier<KafkaFuture<Void>> outcome) {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, arguments) -> {
                    calls.add(name + " " + method.getName());
                    return switch (method.getName()) {
                        case "createTopics" -> createTopicsResult(outcome.get());
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    @SuppressWarnings("unchecked")
    private static CreateTopicsResult createTopicsResult(KafkaFuture<Void> outcome) {
        KafkaFutureImpl<CreateTopicsResult.TopicMetadataAndConfig> topic = new KafkaFutureImpl<>();
        outcome.whenComplete((nothing, error) -> {
            if (error == null) {
                topic.complete(null);
            } else {
                topic.completeExceptionally(error);
            }
        });
        // The constructor is protected: Kafka builds these results itself.
        return new CreateTopicsResult(Map.of("telemetry", topic)) {
        };
    }

    private static KafkaFuture<Void> failed(Throwable error) {
        KafkaFutureImpl<Void> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        return future;
    }
}
