package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDetails;
import org.junit.jupiter.api.Test;

/** The changelog's topic requests go through the platform's topic admin; its failures become the worker's. */
class KafkaChangelogAdminTest {

    private final List<String> requests = new ArrayList<>();
    private RuntimeException failure;

    private final KafkaTopicAdmin topicAdmin = (KafkaTopicAdmin) Proxy.newProxyInstance(
            KafkaTopicAdmin.class.getClassLoader(), new Class<?>[] {KafkaTopicAdmin.class},
            (proxy, method, arguments) -> {
                requests.add(method.getName() + " " + List.of(arguments));
                if (failure != null) {
                    throw failure;
                }
                return switch (method.getName()) {
                    case "describeTopic" -> Optional.of(new TopicDetails((String) arguments[0], 4, 1,
                            Map.of("cleanup.policy", "compact")));
                    case "createPartitions" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            });

    private final KafkaChangelogAdmin admin = new KafkaChangelogAdmin(() -> {
        throw new AssertionError("topic requests need no admin client of the worker's own");
    }, topicAdmin);

    @Test
    void partitionCountsAndWideningGoThroughThePlatformsTopicAdmin() {
        assertThat(admin.partitionCount("s-changelog")).isEqualTo(4);
        admin.widen("s-changelog", 6);
        admin.close();

        assertThat(requests).containsExactly("describeTopic [s-changelog]", "createPartitions [s-changelog, 6]");
    }

    @Test
    void kafkaNotAnsweringMakesTheAttemptStartAgainLater() {
        failure = new KafkaAdminException("KAFKA_UNAVAILABLE", "Kafka did not answer within 30 s", null);

        assertThatThrownBy(() -> admin.widen("s-changelog", 6)).isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void anInterruptedRequestMeansTheWorkerIsStopping() {
        failure = new KafkaAdminException("INTERRUPTED", "Interrupted while waiting for Kafka", null);

        assertThatThrownBy(() -> admin.partitionCount("s-changelog")).isInstanceOf(WorkerStoppedException.class);
    }
}
