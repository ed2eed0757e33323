package org.hyperiot.streaming.kafka.internal.subscription;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;
import org.hyperiot.streaming.api.kafka.KafkaSubscriptions.PartitionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The subscriptions running in one service instance, so that stopping the service ends them all. */
final class LiveSubscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(LiveSubscriptions.class);

    private final Set<ConsumerSubscription> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private boolean closed;

    /** Starts a subscription for {@code subscriber}, or rejects it with an error once closed. */
    void start(Flow.Subscriber<? super AcknowledgeableRecord<byte[], byte[]>> subscriber,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, TopicSelection selection, PartitionListener listener,
            String groupId) {
        ConsumerSubscription subscription = new ConsumerSubscription(subscriber, consumerFactory, selection, listener,
                "hyperiot-kafka-subscription-" + groupId + "-" + sequence.incrementAndGet(), live::remove);
        synchronized (this) {
            if (closed) {
                SubscriptionPublisher.reject(subscriber, new IllegalStateException("the Kafka subscriptions service is stopped"));
                return;
            }
            live.add(subscription);
        }
        try {
            subscriber.onSubscribe(subscription);
        } catch (RuntimeException e) {
            // Rule 2.13: a subscriber that throws from onSubscribe is treated as having cancelled.
            LOG.warn("Subscriber threw from onSubscribe; its subscription to {} is not started", selection, e);
            live.remove(subscription);
            return;
        }
        subscription.start();
    }

    /** Ends every subscription with an error for its subscriber, waits for their consumers to close and takes no more. */
    void closeAll(Duration timeout) {
        synchronized (this) {
            closed = true;
        }
        endAll(new IllegalStateException("the Kafka subscriptions service stopped"), timeout);
    }

    /**
     * Ends the subscriptions running now with {@code reason} and waits for their consumers to close,
     * which commits what their subscribers acknowledged; new subscriptions are still accepted.
     */
    void endAll(Exception reason, Duration timeout) {
        List<ConsumerSubscription> running;
        synchronized (this) {
            running = List.copyOf(live);
        }
        running.forEach(subscription -> subscription.stop(reason));
        Instant deadline = Instant.now().plus(timeout);
        try {
            for (ConsumerSubscription subscription : running) {
                if (!subscription.awaitTermination(Duration.between(Instant.now(), deadline))) {
                    LOG.warn("A Kafka subscription did not end within {}", timeout);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many subscriptions are running. */
    int size() {
        return live.size();
    }
}
