package org.hyperiot.streaming.kafka.internal.subscription;

import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;

/** A publisher that accepts one subscriber and hands it to {@code starter}; later subscribers get an error. */
final class SubscriptionPublisher implements Flow.Publisher<AcknowledgeableRecord<byte[], byte[]>> {

    /** Starts the subscription of the one accepted subscriber. */
    @FunctionalInterface
    interface Starter {
        void start(Flow.Subscriber<? super AcknowledgeableRecord<byte[], byte[]>> subscriber);
    }

    private static final Flow.Subscription NOTHING = new Flow.Subscription() {
        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    };

    private final Starter starter;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    SubscriptionPublisher(Starter starter) {
        this.starter = starter;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super AcknowledgeableRecord<byte[], byte[]>> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            reject(subscriber, new IllegalStateException("this publisher already has its one subscriber"));
            return;
        }
        starter.start(subscriber);
    }

    /** Rule 1.9: even a rejected subscriber gets onSubscribe before onError. */
    static void reject(Flow.Subscriber<?> subscriber, Throwable reason) {
        subscriber.onSubscribe(NOTHING);
        subscriber.onError(reason);
    }
}
