package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class RoundRobinProducerPoolTest {

    private final MockProducer<String, String> first = producer();
    private final MockProducer<String, String> second = producer();
    private final RoundRobinProducerPool<String, String> pool =
            new RoundRobinProducerPool<>(List.of(first, second), Duration.ofSeconds(1));

    @Test
    void sendsAlternateBetweenProducers() {
        for (int i = 0; i < 5; i++) {
            pool.send(new ProducerRecord<>("t", "k" + i, "v" + i));
        }

        assertThat(first.history()).extracting(ProducerRecord::key).containsExactly("k0", "k2", "k4");
        assertThat(second.history()).extracting(ProducerRecord::key).containsExactly("k1", "k3");
    }

    @Test
    void everyCallbackRunsOnceAndTheStageCompletes() throws Exception {
        AtomicInteger callbacks = new AtomicInteger();
        CompletionStage<RecordMetadata> stage =
                pool.send(new ProducerRecord<>("t", "k", "v"), (metadata, error) -> callbacks.incrementAndGet());

        first.completeNext();

        assertThat(stage.toCompletableFuture().get().topic()).isEqualTo("t");
        assertThat(callbacks).hasValue(1);
    }

    @Test
    void aFailedSendFailsTheStageAndReachesTheCallback() {
        AtomicInteger failures = new AtomicInteger();
        CompletionStage<RecordMetadata> stage = pool.send(new ProducerRecord<>("t", "k", "v"),
                (metadata, error) -> failures.addAndGet(error == null ? 0 : 1));

        first.errorNext(new IllegalStateException("broker said no"));

        assertThatThrownBy(() -> stage.toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("broker said no");
        assertThat(failures).hasValue(1);
    }

    @Test
    void closeClosesEveryProducerAndRefusesFurtherSends() {
        pool.close();

        assertThat(first.closed()).isTrue();
        assertThat(second.closed()).isTrue();
        assertThatThrownBy(() -> pool.send(new ProducerRecord<>("t", "v")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCallbackThatThrowsStillCompletesTheStage() throws Exception {
        CompletionStage<RecordMetadata> stage = pool.send(new ProducerRecord<>("t", "k", "v"), (metadata, error) -> {
            throw new IllegalStateException("user code failed");
        });

        try {
            first.completeNext();
        } catch (IllegalStateException expected) {
            // MockProducer runs the callback on this thread, so the user's failure surfaces here.
        }

        assertThat(stage.toCompletableFuture().get()).isNotNull();
    }

    private static MockProducer<String, String> producer() {
        return new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
    }
}
