package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminResults;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConfigEntry.ConfigSource;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.junit.jupiter.api.Test;

/**
 * The describe, grow and group operations of {@link KafkaTopicAdminComponent} against an admin client
 * that answers as a broker would, including the refusals the component turns into answers.
 */
class KafkaTopicAdminOperationsTest {

    private static final Node BROKER = new Node(1, "localhost", 9092);

    /** What the fake admin client answers, by method name; each call takes the next answer. */
    private final Map<String, List<Supplier<Object>>> answers = new HashMap<>();
    private final List<String> calls = new ArrayList<>();
    private final ConnectorReconfiguration reconfiguration = new ConnectorReconfiguration() {
        @Override
        public void addListener(Runnable listener) {
        }

        @Override
        public void removeListener(Runnable listener) {
        }
    };

    @Test
    void describingATopicGivesItsPartitionsAndEveryConfigurationInEffectButTheSecretOnes() {
        answer("describeTopics", () -> AdminResults.describeTopics("defs", done(topic("defs", 3))));
        answer("describeConfigs", () -> configs("defs", new Config(List.of(
                // Not set on the topic: the broker's default is what the topic runs with.
                new ConfigEntry("cleanup.policy", "delete", ConfigSource.DEFAULT_CONFIG, false, false, List.of(),
                        ConfigEntry.ConfigType.LIST, null),
                new ConfigEntry("retention.ms", "604800000", ConfigSource.DYNAMIC_TOPIC_CONFIG, false, false,
                        List.of(), ConfigEntry.ConfigType.LONG, null),
                new ConfigEntry("sasl.jaas.config", "secret", ConfigSource.DYNAMIC_TOPIC_CONFIG, true, false,
                        List.of(), ConfigEntry.ConfigType.PASSWORD, null)))));

        TopicDetails details = topicAdmin().describeTopic("defs").orElseThrow();

        assertThat(details.name()).isEqualTo("defs");
        assertThat(details.partitions()).isEqualTo(3);
        assertThat(details.replicationFactor()).isEqualTo(1);
        assertThat(details.configs()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "cleanup.policy", "delete", "retention.ms", "604800000"));
    }

    @Test
    void aTopicThatDoesNotExistIsDescribedAsAbsent() {
        answer("describeTopics", () -> AdminResults.describeTopics("gone",
                failed(new UnknownTopicOrPartitionException("This server does not host this topic-partition."))));

        assertThat(topicAdmin().describeTopic("gone")).isEmpty();
        assertThat(calls).containsExactly("describeTopics");
    }

    @Test
    void aTopicDeletedBetweenTheListingAndItsDescriptionIsLeftOutOfTheList() {
        answer("listTopics", () -> AdminResults.listTopics("telemetry", "gone"));
        answer("describeTopics", () -> AdminResults.describeTopics(Map.of("telemetry", done(topic("telemetry", 1)),
                "gone", failed(new UnknownTopicOrPartitionException("This server does not host this topic-partition.")))));
        answer("describeConfigs", () -> AdminResults.describeConfigs(Map.of(
                new ConfigResource(ConfigResource.Type.TOPIC, "telemetry"), done(new Config(List.of())),
                new ConfigResource(ConfigResource.Type.TOPIC, "gone"),
                failed(new UnknownTopicOrPartitionException("Topic gone does not exist")))));

        assertThat(topicAdmin().listTopics()).extracting(KafkaTopicAdmin.TopicDescription::name)
                .containsExactly("telemetry");
    }

    @Test
    void growingATopicSomeoneElseGrewFirstIsDone() {
        answer("createPartitions", () -> AdminResults.createPartitions("changelog",
                failed(new InvalidPartitionsException("Topic currently has 4 partitions, which is higher than the "
                        + "requested 3."))));
        answer("describeTopics", () -> AdminResults.describeTopics("changelog", done(topic("changelog", 4))));
        answer("describeConfigs", () -> configs("changelog", new Config(List.of())));

        topicAdmin().createPartitions("changelog", 3);

        assertThat(calls).containsExactly("createPartitions", "describeTopics", "describeConfigs");
    }

    @Test
    void aRefusedGrowthOfATopicStillTooSmallIsTheCallersWithItsCode() {
        answer("createPartitions", () -> AdminResults.createPartitions("changelog",
                failed(new InvalidPartitionsException("The number of partitions must be positive"))));
        answer("describeTopics", () -> AdminResults.describeTopics("changelog", done(topic("changelog", 2))));
        answer("describeConfigs", () -> configs("changelog", new Config(List.of())));

        assertThatThrownBy(() -> topicAdmin().createPartitions("changelog", 3))
                .isInstanceOfSatisfying(KafkaAdminException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("INVALID_PARTITIONS"));
    }

    @Test
    void aGroupWithMembersIsNotDeletedAndSaysSoWithItsCode() {
        answer("deleteConsumerGroups", () -> AdminResults.deleteConsumerGroups("g",
                failed(new GroupNotEmptyException("The group is not empty."))));

        assertThatThrownBy(() -> topicAdmin().deleteConsumerGroup("g"))
                .isInstanceOfSatisfying(KafkaAdminException.class,
                        e -> assertThat(e.errorCode()).isEqualTo("GROUP_NOT_EMPTY"));
    }

    @Test
    void deletingAGroupTellsWhetherThereWasOne() {
        answer("deleteConsumerGroups", () -> AdminResults.deleteConsumerGroups("g", done(null)));
        answer("deleteConsumerGroups", () -> AdminResults.deleteConsumerGroups("g",
                failed(new GroupIdNotFoundException("The group id does not exist."))));
        KafkaTopicAdminComponent topicAdmin = topicAdmin();

        assertThat(topicAdmin.deleteConsumerGroup("g")).isTrue();
        assertThat(topicAdmin.deleteConsumerGroup("g")).isFalse();
    }

    private void answer(String method, Supplier<Object> answer) {
        answers.computeIfAbsent(method, m -> new ArrayList<>()).add(answer);
    }

    private KafkaTopicAdminComponent topicAdmin() {
        return new KafkaTopicAdminComponent(connector(), reconfiguration);
    }

    private KafkaConnector connector() {
        return (KafkaConnector) Proxy.newProxyInstance(KafkaConnector.class.getClassLoader(),
                new Class<?>[] {KafkaConnector.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "newAdmin" -> admin();
                    case "identity" -> new ClusterIdentity("microservices", "1");
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Admin admin() {
        return (Admin) Proxy.newProxyInstance(Admin.class.getClassLoader(), new Class<?>[] {Admin.class},
                (proxy, method, arguments) -> {
                    List<Supplier<Object>> next = answers.get(method.getName());
                    if (next == null || next.isEmpty()) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    calls.add(method.getName());
                    return next.remove(0).get();
                });
    }

    private static TopicDescription topic(String name, int partitions) {
        List<TopicPartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            infos.add(new TopicPartitionInfo(p, BROKER, List.of(BROKER), List.of(BROKER)));
        }
        return new TopicDescription(name, false, infos);
    }

    private static Object configs(String topic, Config config) {
        return AdminResults.describeConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), done(config)));
    }

    private static <T> KafkaFuture<T> done(T value) {
        return KafkaFuture.completedFuture(value);
    }

    private static <T> KafkaFuture<T> failed(Throwable error) {
        KafkaFutureImpl<T> future = new KafkaFutureImpl<>();
        future.completeExceptionally(error);
        return future;
    }
}
