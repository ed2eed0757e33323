package org.hyperiot.streaming.example.saga.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class EffectsTopicCreatorTest {

    private static final Duration RETRY = Duration.ofMillis(5);
    private final FakeTopicAdmin kafka = new FakeTopicAdmin();

    @Test
    void aMissingTopicIsCreatedWithTheClustersDefaults() throws InterruptedException {
        EffectsTopicCreator creator = new EffectsTopicCreator(kafka, "order-effects", RETRY, RETRY);
        try {
            assertThat(kafka.topicCreated.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kafka.created).containsExactly("order-effects partitions=-1 replicationFactor=-1 {}");
        } finally {
            creator.deactivate();
        }
    }

    @Test
    void anExistingTopicIsLeftAsItIs() throws InterruptedException {
        kafka.topics.add("order-effects");

        EffectsTopicCreator creator = new EffectsTopicCreator(kafka, "order-effects", RETRY, RETRY);
        assertThat(kafka.callStarted.await(10, TimeUnit.SECONDS)).isTrue();
        creator.deactivate();

        // deactivate waits for the check to end: one look, no creation.
        assertThat(kafka.calls).hasValue(1);
        assertThat(kafka.created).isEmpty();
    }

    @Test
    void whileKafkaCannotBeReachedTheCheckIsTriedAgainUntilItSucceeds() throws InterruptedException {
        kafka.unreachableCalls = 3;

        EffectsTopicCreator creator = new EffectsTopicCreator(kafka, "order-effects", RETRY, RETRY);
        try {
            assertThat(kafka.topicCreated.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(kafka.created).hasSize(1);
            assertThat(kafka.calls).hasValue(5); // three failures, then describe and create
        } finally {
            creator.deactivate();
        }
    }

    @Test
    void aTopicCreatedMeanwhileByAnotherNodeCountsAsCreated() throws InterruptedException {
        FakeTopicAdmin racing = new FakeTopicAdmin() {
            @Override
            public void createTopic(String name, int partitions, short replicationFactor,
                                    Map<String, String> configs) {
                topics.add(name); // another node won the race
                super.createTopic(name, partitions, replicationFactor, configs);
            }
        };

        EffectsTopicCreator creator = new EffectsTopicCreator(racing, "order-effects", RETRY, RETRY);
        assertThat(racing.callStarted.await(10, TimeUnit.SECONDS)).isTrue();
        creator.deactivate();

        // TOPIC_EXISTS ended the check: there was exactly one describe and one create, and no retry.
        assertThat(racing.calls).hasValue(2);
        assertThat(racing.topics).containsExactly("order-effects");
    }

    @Test
    void stoppingInterruptsACallThatWaitsForKafka() throws InterruptedException {
        kafka.hangUntilInterrupted = true;
        EffectsTopicCreator creator = new EffectsTopicCreator(kafka, "order-effects", RETRY, RETRY);
        assertThat(kafka.callStarted.await(10, TimeUnit.SECONDS)).isTrue();

        long start = System.nanoTime();
        creator.deactivate();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(kafka.interrupted).isTrue();
        assertThat(kafka.created).isEmpty();
    }
}
