package org.hyperiot.streaming.kafka.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Adapts Kafka's callback-style send to a {@link CompletionStage}, optionally also calling a user callback. */
final class SendCompletion {

    private SendCompletion() {
    }

    static <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record,
            Callback userCallback) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, exception) -> {
                try {
                    if (userCallback != null) {
                        userCallback.onCompletion(metadata, exception);
                    }
                } finally {
                    // The stage completes even if the user's callback throws, so waiters are never stranded.
                    if (exception == null) {
                        result.complete(metadata);
                    } else {
                        result.completeExceptionally(exception);
                    }
                }
            });
        } catch (RuntimeException e) {
            // send() throws synchronously for serialization errors, a closed producer or metadata timeouts;
            // Kafka does not call the callback then, so the caller's callback learns it here.
            if (userCallback != null) {
                userCallback.onCompletion(null, e);
            }
            result.completeExceptionally(e);
        }
        return result;
    }
}
