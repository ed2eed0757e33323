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
import java.util.concurrent.atomic.AtomicIntegerArray;
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
    void whenBothTheSendAndTheActionFailTheSendsErrorWinsAndCarriesTheActionsOne() {
        SendCompletion stage = new SendCompletion(null);
        IllegalArgumentException careless = new IllegalArgumentException("careless action");
        CompletionStage<RecordMetadata> followed = stage.whenComplete((metadata, error) -> {
            throw careless;
        });
        IllegalStateException failure = new IllegalStateException("broker gone");

        stage.onCompletion(null, failure);

        assertThatThrownBy(() -> followed.toCompletableFuture().join()).hasCause(failure);
        assertThatThrownBy(() -> stage.toCompletableFuture().join()).hasCause(failure);
        assertThat(failure.getSuppressed()).containsExactly(careless);
    }

    /**
     * As with CompletableFuture, the send's stage is complete while its first action runs, and the
     * stage whenComplete returned completes only when that action ended. The action may even wait
     * for the send's stage on Kafka's thread without stopping it.
     */
    @Test
    void theFirstActionSeesTheSendCompleteAndItsOwnStageWaitsForIt() throws Exception {
        SendCompletion stage = new SendCompletion(null);
        CountDownLatch actionRunning = new CountDownLatch(1);
        CountDownLatch actionMayEnd = new CountDownLatch(1);
        AtomicReference<RecordMetadata> seenInside = new AtomicReference<>();
        CompletionStage<RecordMetadata> followed = stage.whenComplete((metadata, error) -> {
            seenInside.set(stage.toCompletableFuture().join());
            actionRunning.countDown();
            awaitQuietly(actionMayEnd);
        });

        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> stage.onCompletion(METADATA, null));
        assertThat(actionRunning.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(seenInside.get()).isSameAs(METADATA);
        assertThat(stage.toCompletableFuture().getNow(null)).isSameAs(METADATA);
        CompletableFuture<RecordMetadata> followedFuture = followed.toCompletableFuture();
        assertThat(followedFuture.isDone()).isFalse();
        actionMayEnd.countDown();
        kafka.get(10, TimeUnit.SECONDS);
        assertThat(followedFuture.get(10, TimeUnit.SECONDS)).isSameAs(METADATA);
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
     * comes first, every action runs exactly once. The completing thread follows the attaching one
     * stage by stage, so that both work on the same stage at the same moment as often as possible.
     */
    @Test
    void dependentsAttachedWhileKafkaCallsBackRunExactlyOnce() throws Exception {
        int sends = 200_000;
        List<SendCompletion> stages = new ArrayList<>(sends);
        for (int i = 0; i < sends; i++) {
            stages.add(new SendCompletion(null));
        }
        AtomicInteger attaching = new AtomicInteger(-1);
        AtomicInteger actions = new AtomicInteger();
        AtomicIntegerArray firstActionRan = new AtomicIntegerArray(sends);
        AtomicInteger viewsCompletedBeforeTheirAction = new AtomicInteger();
        List<CompletableFuture<RecordMetadata>> views = new ArrayList<>(sends);
        CompletableFuture<Void> kafka = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < sends; i++) {
                while (attaching.get() < i) {
                    Thread.onSpinWait();
                }
                stages.get(i).onCompletion(METADATA, null);
            }
        });

        for (int i = 0; i < sends; i++) {
            int send = i;
            SendCompletion stage = stages.get(i);
            attaching.set(i);
            CompletionStage<RecordMetadata> view = stage.whenComplete((metadata, error) -> {
                actions.incrementAndGet();
                firstActionRan.set(send, 1);
            });
            stage.thenAccept(metadata -> actions.incrementAndGet());
            views.add(view.thenApply(metadata -> {
                if (firstActionRan.get(send) == 0) {
                    viewsCompletedBeforeTheirAction.incrementAndGet();
                }
                return metadata;
            }).toCompletableFuture());
        }
        kafka.get(30, TimeUnit.SECONDS);

        assertThat(actions).hasValue(2 * sends);
        assertThat(views).allMatch(view -> view.getNow(null) == METADATA);
        assertThat(viewsCompletedBeforeTheirAction).hasValue(0);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
