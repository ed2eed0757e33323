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
 * nanosecond spent there per record is taken from the producer's throughput; and every object a
 * pending send keeps alive is copied by each garbage collection that meets it, which costs about as
 * much again (see benchmarks/README.md). Hence the stage is as lazy as the {@link CompletionStage} contract allows:
 * <ul>
 * <li>a pending send keeps one object alive, this one, and Kafka's callback makes one atomic write;
 * <li>the first {@code whenComplete} (the common way to take the outcome) is kept as it is, and the
 *     stage it returns is a view that nothing else refers to, so it dies young when ignored;
 * <li>every other use goes through one private {@link CompletableFuture}, the {@link Mirror}.
 * </ul>
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
     * While the send is pending: {@code null} if nothing waits for it, the first {@code whenComplete}
     * action, or the {@link Mirror} once something else waits. Once Kafka called back and the first
     * action ran: the {@link RecordMetadata} or a {@link Failure}, or the Mirror, now complete.
     */
    private volatile Object state;
    /**
     * What Kafka reported, written just before the first {@code whenComplete} action runs (an
     * {@link ActionFailure} if that action threw), and published with {@link #state}. It lets the
     * action, and anyone else meanwhile, use this stage as complete while the action still runs.
     */
    private Object reported;

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
            settle(metadata, exception != null || metadata != null ? exception
                    : new IllegalStateException("Kafka reported neither the record's metadata nor an error"));
        }
    }

    private void settle(RecordMetadata metadata, Exception exception) {
        Object outcome = exception == null ? metadata : new Failure(exception);
        Object current = state;
        if (current == null) {
            if (STATE.compareAndSet(this, null, outcome)) {
                return;
            }
            current = state;
        }
        BiConsumer<? super RecordMetadata, ? super Throwable> firstAction =
                current instanceof Mirror mirror ? mirror.firstAction : firstAction(current);
        if (firstAction != null) {
            reported = outcome;
            try {
                firstAction.accept(metadata, exception);
            } catch (Throwable thrown) {
                reported = new ActionFailure(outcome, thrown);
                // As in CompletableFuture: the send's own error wins, the action's is kept beside it.
                if (exception != null && exception != thrown) {
                    exception.addSuppressed(thrown);
                }
            }
        }
        // The outcome is published after the first action ran: the stage that action's
        // whenComplete returned may complete as soon as it sees the outcome.
        if (current instanceof Mirror mirror) {
            mirror.fire(metadata, exception);
        } else if (!STATE.compareAndSet(this, current, outcome)) {
            // Something else began to wait meanwhile: the action now sits in a Mirror, to be completed.
            ((Mirror) state).fire(metadata, exception);
        }
    }

    /**
     * The first {@code whenComplete} on a pending send is kept as it is: no dependent object and no
     * future for Kafka's callback to complete. Its action runs where {@code CompletableFuture}'s
     * would: on Kafka's I/O thread, or at once if the send is already complete.
     */
    @Override
    public CompletionStage<RecordMetadata> whenComplete(BiConsumer<? super RecordMetadata, ? super Throwable> action) {
        Objects.requireNonNull(action, "action");
        if (state == null && STATE.compareAndSet(this, null, action)) {
            return new AfterFirstAction(this);
        }
        return super.whenComplete(action);
    }

    @Override
    CompletableFuture<RecordMetadata> delegate() {
        return future(false);
    }

    /**
     * A future that completes with this send: created on the first use that needs one, then kept.
     *
     * @param afterFirstAction whether the future must wait for the first {@code whenComplete}
     *                         action to end, or may complete as soon as Kafka reported
     */
    private CompletableFuture<RecordMetadata> future(boolean afterFirstAction) {
        while (true) {
            Object current = state;
            if (current instanceof Mirror mirror) {
                return mirror;
            }
            if (current instanceof RecordMetadata || current instanceof Failure) {
                return completed(current);
            }
            Object reportedSoFar = reported;
            if (!afterFirstAction && reportedSoFar != null) {
                // Kafka reported and the first action is running: maybe this is that action asking,
                // on Kafka's own thread, which must not wait for itself.
                return completed(reportedSoFar);
            }
            Mirror mirror = new Mirror(firstAction(current));
            if (STATE.compareAndSet(this, current, mirror)) {
                return mirror;
            }
            // Kafka called back or another thread attached something meanwhile: look again.
        }
    }

    private static CompletableFuture<RecordMetadata> completed(Object outcome) {
        if (outcome instanceof ActionFailure actionFailure) {
            return completed(actionFailure.outcome());
        }
        if (outcome instanceof Failure failure) {
            return CompletableFuture.failedFuture(failure.exception());
        }
        return CompletableFuture.completedFuture((RecordMetadata) outcome);
    }

    /** The first {@code whenComplete} action a pending state holds, or {@code null}. */
    @SuppressWarnings("unchecked")
    private static BiConsumer<? super RecordMetadata, ? super Throwable> firstAction(Object pendingState) {
        return (BiConsumer<? super RecordMetadata, ? super Throwable>) pendingState;
    }

    /** How a send that failed is remembered once Kafka called back. */
    private record Failure(Exception exception) {
    }

    /** What Kafka reported, and what the first {@code whenComplete} action then threw. */
    private record ActionFailure(Object outcome, Throwable thrown) {
    }

    /**
     * The future behind every use of the stage but the first {@code whenComplete}. It carries that
     * action if it came first, so that Kafka's callback still runs it, before completing the mirror.
     */
    private static final class Mirror extends CompletableFuture<RecordMetadata> {

        private final BiConsumer<? super RecordMetadata, ? super Throwable> firstAction;

        Mirror(BiConsumer<? super RecordMetadata, ? super Throwable> firstAction) {
            this.firstAction = firstAction;
        }

        void fire(RecordMetadata metadata, Exception exception) {
            if (exception == null) {
                complete(metadata);
            } else {
                completeExceptionally(exception);
            }
        }
    }

    /**
     * What the first {@code whenComplete} returns: completes as {@link CompletableFuture#whenComplete}'s
     * stage does, after its action ran. Nothing but the caller refers to it.
     */
    private static final class AfterFirstAction extends DelegatingCompletionStage<RecordMetadata> {

        private final SendCompletion send;

        AfterFirstAction(SendCompletion send) {
            this.send = send;
        }

        @Override
        CompletableFuture<RecordMetadata> delegate() {
            CompletableFuture<RecordMetadata> after = new CompletableFuture<>();
            send.future(true).whenComplete((metadata, exception) -> {
                if (exception != null) {
                    after.completeExceptionally(new CompletionException(exception));
                } else if (send.reported instanceof ActionFailure actionFailure) {
                    after.completeExceptionally(new CompletionException(actionFailure.thrown()));
                } else {
                    after.complete(metadata);
                }
            });
            return after;
        }
    }
}
