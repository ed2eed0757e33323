package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.DescribeConfigsResult;
import org.apache.kafka.clients.admin.DescribeTopicsResult;
import org.apache.kafka.clients.admin.ListTopicsResult;
import org.apache.kafka.clients.admin.TopicListing;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDescription;
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

    @Test
    void aTopicDeletedBetweenTheListingAndItsDescriptionIsLeftOutOfTheList() {
        Node broker = new Node(1, "127.0.0.1", 9092);
        KafkaFutureImpl<Map<String, TopicListing>> listing = new KafkaFutureImpl<>();
        listing.complete(Map.of("telemetry", new TopicListing("telemetry", Uuid.randomUuid(), false),
                "gone", new TopicListing("gone", Uuid.randomUuid(), false)));
        Map<String, KafkaFuture<org.apache.kafka.clients.admin.TopicDescription>> descriptions = Map.of(
                "telemetry", KafkaFuture.completedFuture(new org.apache.kafka.clients.admin.TopicDescription("telemetry",
                        false, List.of(new TopicPartitionInfo(0, broker, List.of(broker), List.of(broker))))),
                "gone", failedWith(new UnknownTopicOrPartitionException("This server does not host this topic-partition.")));
        Map<ConfigResource, KafkaFuture<Config>> configs = Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, "telemetry"), KafkaFuture.completedFuture(new Config(List.of())),
                new ConfigResource(ConfigResource.Type.TOPIC, "gone"),
                failedWith(new UnknownTopicOrPartitionException("Topic gone does not exist")));
        admins.add((Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    // Kafka builds these results itself: their constructors are protected, or package-private.
                    case "listTopics" -> listTopicsResult(listing);
                    case "describeTopics" -> new DescribeTopicsResult(null, descriptions) {
                    };
                    case "describeConfigs" -> new DescribeConfigsResult(configs) {
                    };
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                }));
        KafkaTopicAdminComponent topicAdmin = new KafkaTopicAdminComponent(connector(), reconfiguration);

        assertThat(topicAdmin.listTopics()).extracting(TopicDescription::name).containsExactly("telemetry");
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

    private static ListTopicsResult listTopicsResult(KafkaFuture<Map<String, TopicListing>> listing)
            throws ReflectiveOperationException {
        Constructor<ListTopicsResult> constructor = ListTopicsResult.class.getDeclaredConstructor(KafkaFuture.class);
        constructor.setAccessible(true);
        return constructor.newInstance(listing);
    }

    private static <T> KafkaFuture<T> failedWith(Throwable error) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        return future;
    }

    private static KafkaFuture<Void> failed(Throwable error) {
        KafkaFutureImpl<Void> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        return future;
    }
}
