package org.hyperiot.streaming.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.kafka.support.InMemoryTopicAdmin;
import org.junit.jupiter.api.Test;

class SagaTopicSetupTest {

    private static final long SEVEN_DAYS = Duration.ofDays(7).toMillis();

    /**
     * A cluster whose broker learns of a created topic only after it was described a few times, as a
     * KRaft broker does a moment after its controller acknowledged the creation.
     */
    private static final class LaggingMetadata extends InMemoryTopicAdmin {
        private final int unseenDescribes;
        private final Map<String, Integer> describesSinceCreation = new HashMap<>();

        LaggingMetadata(int unseenDescribes) {
            this.unseenDescribes = unseenDescribes;
        }

        @Override
        public void createTopic(String name, int partitions, short replicationFactor, Map<String, String> configs) {
            super.createTopic(name, partitions, replicationFactor, configs);
            describesSinceCreation.put(name, 0);
        }

        @Override
        public Optional<TopicDetails> describeTopic(String name) {
            Optional<TopicDetails> details = super.describeTopic(name);
            Integer seen = describesSinceCreation.computeIfPresent(name, (topic, count) -> count + 1);
            return seen != null && seen <= unseenDescribes ? Optional.empty() : details;
        }
    }

    @Test
    void aTopicJustCreatedIsDescribedOnceTheBrokerKnowsIt() {
        LaggingMetadata admin = new LaggingMetadata(3);
        SagaTopicSetup setup = new SagaTopicSetup(admin, 4, (short) 1, SEVEN_DAYS);

        assertThat(setup.ensureCoordinatorTopics()).isEqualTo(4);
        int partitions = setup.ensureCommandsTopic("payments");
        setup.ensureHandledTopic("payments", partitions);

        assertThat(partitions).isEqualTo(4);
        assertThat(admin.topic(SagaTopics.handled("payments"))).get()
                .satisfies(topic -> assertThat(topic.configs()).containsEntry("cleanup.policy", "compact,delete"));
    }

    @Test
    void aTopicThatNeverBecomesVisibleIsReportedAfterAWhile() {
        LaggingMetadata admin = new LaggingMetadata(Integer.MAX_VALUE);
        SagaTopicSetup setup = new SagaTopicSetup(admin, 4, (short) 1, SEVEN_DAYS, Duration.ofMillis(300));

        assertThatThrownBy(() -> setup.ensureCommandsTopic("payments"))
                .hasMessageContaining("was created but could not be described within");
    }

    @Test
    void anExistingLogThatIsNotCompactedIsRefused() {
        InMemoryTopicAdmin admin = new InMemoryTopicAdmin();
        admin.existing(SagaTopics.LOG, 6, Map.of("cleanup.policy", "compact,delete"));
        SagaTopicSetup setup = new SagaTopicSetup(admin, 4, (short) 1, SEVEN_DAYS);

        assertThatThrownBy(setup::ensureCoordinatorTopics).isInstanceOf(UnfitSagaTopicException.class)
                .hasMessageContaining("compact alone");
    }

    @Test
    void theEventsTopicMustHaveAsManyPartitionsAsTheLog() {
        InMemoryTopicAdmin admin = new InMemoryTopicAdmin();
        admin.existing(SagaTopics.LOG, 6, Map.of("cleanup.policy", "compact"));
        admin.existing(SagaTopics.EVENTS, 3, Map.of());
        SagaTopicSetup setup = new SagaTopicSetup(admin, 6, (short) 1, SEVEN_DAYS);

        assertThatThrownBy(setup::ensureCoordinatorTopics).isInstanceOf(UnfitSagaTopicException.class)
                .hasMessageContaining("same count");
    }
}
