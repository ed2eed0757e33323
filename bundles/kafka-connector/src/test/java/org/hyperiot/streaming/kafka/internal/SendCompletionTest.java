package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SendCompletionTest {

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
}
