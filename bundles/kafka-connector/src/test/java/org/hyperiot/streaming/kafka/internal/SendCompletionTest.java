package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SendCompletionTest {

    private static final RecordMetadata METADATA = new RecordMetadata(new TopicPartition("t", 0), 41, 0, 0L, 1, 1);

    private final MockProducer<String, String> producer =
            new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());

    @Test
    void aSendThatThrowsFailsTheStageAndCallsTheCallbackOnce() {
        producer.close();
        AtomicInteger calls = new AtomicInteger();

        CompletionStage<RecordMetadata> stage = SendCompletion.send(producer, new ProducerRecord<>("t", "k", "v"),
                (metadata, error) -> calls.incrementAndGet());

        assertThatThrownBy(() -> stage.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }

    @Test
    void theStageCompletesEvenWhenTheCallbackThrows() throws Exception {
        CompletionStage<RecordMetadata> stage = SendCompletion.send(producer, new ProducerRecord<>("t", "k", "v"),
                (metadata, error) -> {
                    throw new IllegalArgumentException("a careless callback");
                });

        assertThatThrownBy(producer::completeNext).hasMessage("a careless callback");

        assertThat(stage.toCompletableFuture().get().topic()).isEqualTo("t");
    }

    @Test
    void whenCompleteRunsOnceWhetherAttachedBeforeOrAfterTheAcknowledgement() throws Exception {
        SendCompletion stage = new SendCompletion(null);
        List<Long> seen = new ArrayList<>();
        CompletionStage<RecordMetadata> before = stage.whenComplete((metadata, error) -> seen.add(metadata.offset()));

        stage.onCompletion(METADATA, null);
        CompletionStage<RecordMetadata> after = stage.whenComplete((metadata, error) -> seen.add(metadata.offset() + 1));

        assertThat(seen).containsExactly(41L, 42L);
        assertThat(before.toCompletableFuture().get()).isSameAs(METADATA);
        assertThat(after.toCompletableFuture().get()).isSameAs(METADATA);
    }

    @Test
    void everyDependentAttachedBeforeTheAcknowledgementRuns() throws Exception {
        SendCompletion stage = new SendCompletion(null);
        AtomicInteger actions = new AtomicInteger();
        stage.whenComplete((metadata, error) -> actions.incrementAndGet());
        stage.whenComplete((metadata, error) -> actions.incrementAndGet());
        CompletionStage<Long> offset = stage.thenApply(RecordMetadata::offset);
        stage.thenRun(actions::incrementAndGet);

        stage.onCompletion(METADATA, null);

        assertThat(actions).hasValue(3);
        assertThat(offset.toCompletableFuture().get()).isEqualTo(41L);
    }

    @Test
    void aFailedSendReachesWhenCompleteAsItsOwnErrorAndDependentsAsACompletionException() {
        SendCompletion stage = new SendCompletion(null);
        AtomicReference<Throwable> seen = new AtomicReference<>();
        CompletionStage<RecordMetadata> followed = stage.whenComplete((metadata, error) -> seen.set(error));
        CompletionStage<Throwable> handled = stage.handle((metadata, error) -> error);
        IllegalStateException failure = new IllegalStateException("broker gone");

        stage.onCompletion(null, failure);

        assertThat(seen.get()).isSameAs(failure);
        assertThat(handled.toCompletableFuture().join()).isSameAs(failure);
        assertThatThrownBy(() -> followed.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .hasCause(failure);
        assertThatThrownBy(() -> stage.toCompletableFuture().get()).isInstanceOf(ExecutionException.class)
                .hasCause(failure);
    }

    @Test
    void anActionThatThrowsFailsOnlyTheStageWhenCompleteReturned() throws Exception {
        SendCompletion stage = new SendCompletion(null);
        IllegalArgumentException careless = new IllegalArgumentException("careless action");
        CompletionStage<RecordMetadata> followed = stage.whenComplete((metadata, error) -> {
            throw careless;
        });

        stage.onCompletion(METADATA, null);

        assertThatThrownBy(() -> followed.toCompletableFuture().join()).isInstanceOf(CompletionException.class)
                .hasCause(careless);
        assertThat(stage.toCompletableFuture().get()).isSameAs(METADATA);
    }

    @Test
    void callersCannotCompleteTheStageThroughTheFutureTheyAreGiven() throws Exception {
        SendCompletion stage = new SendCompletion(null);
        stage.toCompletableFuture().complete(null);
        stage.toCompletableFuture().cancel(true);

        assertThat(stage.toCompletableFuture().isDone()).isFalse();
        stage.onCompletion(METADATA, null);
        assertThat(stage.toCompletableFuture().get()).isSameAs(METADATA);
    }

    /**
     * Kafka calls back on its I/O thread while the sender attaches dependents on its own: whichever
     * comes first, every action runs exactly once.
     */
    @Test
    void dependentsAttachedWhileKafkaCallsBackRunExactlyOnce() throws Exception {
        int sends = 20_000;
        List<SendCompletion> stages = new ArrayList<>(sends);
        for (int i = 0; i < sends; i++) {
            stages.add(new SendCompletion(null));
        }
        AtomicInteger actions = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> {
            awaitQuietly(start);
            stages.forEach(stage -> stage.onCompletion(METADATA, null));
        });

        start.countDown();
        for (SendCompletion stage : stages) {
            stage.whenComplete((metadata, error) -> actions.incrementAndGet());
            stage.thenAccept(metadata -> actions.incrementAndGet());
        }
        kafka.get(30, TimeUnit.SECONDS);

        assertThat(actions).hasValue(2 * sends);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
