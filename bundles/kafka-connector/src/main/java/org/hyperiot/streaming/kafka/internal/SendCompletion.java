package org.hyperiot.streaming.kafka.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The stage a connector send returns, and at the same time the {@link Callback} Kafka calls when the
 * record is acknowledged.
 *
 * <p>Kafka calls back on the producer's I/O thread, the one thread that drains every batch, so each
 * nanosecond spent there per record is taken from the producer's throughput. Hence the stage is as
 * lazy as the {@link CompletionStage} contract allows: while nothing waits for it, Kafka's callback
 * costs one atomic write; a single {@code whenComplete} (the common way to take the outcome) is
 * attached directly; only other uses create a {@link CompletableFuture} to answer them.
 */
final class SendCompletion extends DelegatingCompletionStage<RecordMetadata> implements Callback {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SendCompletion.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Callback userCallback;
    /**
     * {@code null} while the send is pending and nothing waits for it; a {@link Follower} while it is
     * pending and something waits; the record's {@link RecordMetadata} or a {@link Failure} once Kafka
     * called back.
     */
    private volatile Object state;

    SendCompletion(Callback userCallback) {
        this.userCallback = userCallback;
    }

    /** Sends {@code record} on {@code producer}; a synchronous failure completes the stage too. */
    static <K, V> CompletionStage<RecordMetadata> send(Producer<K, V> producer, ProducerRecord<K, V> record,
            Callback userCallback) {
        SendCompletion completion = new SendCompletion(userCallback);
        try {
            producer.send(record, completion);
        } catch (RuntimeException e) {
            completion.onCompletion(null, e);
        }
        return completion;
    }

    /**
     * Called by Kafka once per record, and by the connector when {@code send} throws: Kafka does not
     * call the callback for serialization errors, a closed producer or metadata timeouts.
     */
    @Override
    public void onCompletion(RecordMetadata metadata, Exception exception) {
        try {
            if (userCallback != null) {
                userCallback.onCompletion(metadata, exception);
            }
        } finally {
            // The stage completes even if the user's callback throws, so waiters are never stranded.
            Object outcome;
            if (exception != null) {
                outcome = new Failure(exception);
            } else if (metadata != null) {
                outcome = metadata;
            } else {
                exception = new IllegalStateException("Kafka reported neither the record's metadata nor an error");
                outcome = new Failure(exception);
            }
            if (STATE.getAndSet(this, outcome) instanceof Follower follower) {
                follower.fire(metadata, exception);
            }
        }
    }

    /**
     * The first {@code whenComplete} on a pending send is attached directly, without the dependent
     * object and the extra future that {@link CompletableFuture#whenComplete} would create. Its action
     * runs where {@code CompletableFuture}'s would: on Kafka's I/O thread, or at once if the send is
     * already complete.
     */
    @Override
    public CompletionStage<RecordMetadata> whenComplete(BiConsumer<? super RecordMetadata, ? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        if (state == null) {
            WhenComplete follower = new WhenComplete(action);
            if (STATE.compareAndSet(this, null, follower)) {
                return follower;
            }
        }
        return super.whenComplete(action);
    }

    /** A future that completes with this send: created on the first use that needs one, then kept. */
    @Override
    CompletableFuture<RecordMetadata> delegate() {
        while (true) {
            Object current = state;
            if (current instanceof Mirror mirror) {
                return mirror;
            }
            if (current instanceof RecordMetadata metadata) {
                return CompletableFuture.completedFuture(metadata);
            }
            if (current instanceof Failure failure) {
                return CompletableFuture.failedFuture(failure.exception());
            }
            Mirror mirror = new Mirror();
            if (current instanceof WhenComplete attached) {
                // The mirror takes the place of the follower attached first, and fires it when it completes.
                mirror.whenComplete(attached::fire);
            }
            if (STATE.compareAndSet(this, current, mirror)) {
                return mirror;
            }
            // Kafka called back or another thread attached something meanwhile: look again.
        }
    }

    /** How a send that failed is remembered once Kafka called back. */
    private record Failure(Throwable exception) {
    }

    /** Something waiting for the send, told once Kafka called back. */
    private abstract static class Follower extends CompletableFuture<RecordMetadata> {

        abstract void fire(RecordMetadata metadata, Throwable exception);
    }

    /** The future behind every use of the stage except the first {@code whenComplete}. */
    private static final class Mirror extends Follower {

        @Override
        void fire(RecordMetadata metadata, Throwable exception) {
            if (exception == null) {
                complete(metadata);
            } else {
                completeExceptionally(exception);
            }
        }
    }

    /** A {@code whenComplete} dependent, completing the way {@link CompletableFuture#whenComplete}'s does. */
    private static final class WhenComplete extends Follower {

        private final BiConsumer<? super RecordMetadata, ? super Throwable> action;

        WhenComplete(BiConsumer<? super RecordMetadata, ? super Throwable> action) {
            this.action = action;
        }

        @Override
        void fire(RecordMetadata metadata, Throwable exception) {
            Throwable failure = exception;
            try {
                action.accept(metadata, exception);
            } catch (Throwable thrown) {
                // As in CompletableFuture: the send's own error wins, the action's is kept beside it.
                if (failure == null) {
                    failure = thrown;
                } else if (failure != thrown) {
                    failure.addSuppressed(thrown);
                }
            }
            if (failure == null) {
                complete(metadata);
            } else {
                completeExceptionally(failure instanceof CompletionException ? failure : new CompletionException(failure));
            }
        }
    }
}
