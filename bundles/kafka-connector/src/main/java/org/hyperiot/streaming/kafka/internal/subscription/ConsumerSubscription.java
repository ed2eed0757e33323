package org.hyperiot.streaming.kafka.internal.subscription;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RetriableException;
import org.hyperiot.streaming.api.kafka.AcknowledgeableRecord;
import org.hyperiot.streaming.api.kafka.KafkaSubscriptions.PartitionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscriber's subscription: a thread that owns one consumer, delivers records as far as the
 * subscriber's demand goes, and commits acknowledged offsets. Every signal to the subscriber and
 * every use of the consumer happens on that thread; {@link #request} and {@link #cancel} only
 * leave notes for it.
 */
final class ConsumerSubscription implements Flow.Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerSubscription.class);
    /** Also bounds how long a request, a cancel or a stop waits to be noticed. */
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final ClassLoader KAFKA_LOADER = KafkaConsumer.class.getClassLoader();

    private final Flow.Subscriber<? super AcknowledgeableRecord<byte[], byte[]>> subscriber;
    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final TopicSelection selection;
    private final PartitionListener listener;
    private final java.util.function.Consumer<ConsumerSubscription> onTermination;
    private final Thread thread;

    private final AtomicLong demand = new AtomicLong();
    private final AtomicReference<Throwable> stopReason = new AtomicReference<>();
    private volatile boolean cancelled;

    // Confined to the consumer thread.
    private final Deque<ConsumerRecord<byte[], byte[]>> undelivered = new ArrayDeque<>();
    private final AcknowledgementLedger ledger = new AcknowledgementLedger();
    private Consumer<byte[], byte[]> consumer;

    ConsumerSubscription(Flow.Subscriber<? super AcknowledgeableRecord<byte[], byte[]>> subscriber,
            Supplier<Consumer<byte[], byte[]>> consumerFactory, TopicSelection selection, PartitionListener listener,
            String name, java.util.function.Consumer<ConsumerSubscription> onTermination) {
        this.subscriber = subscriber;
        this.consumerFactory = consumerFactory;
        this.selection = selection;
        this.listener = listener;
        this.onTermination = onTermination;
        this.thread = new Thread(this::run, name);
        // The thread creates, polls and closes the consumer: kafka-clients resolves classes through
        // the context class loader, which must be its own bundle's loader inside OSGi.
        this.thread.setContextClassLoader(KAFKA_LOADER);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Reactive Streams rule 3.9: a non-positive request ends the subscription with an error.
            stopReason.compareAndSet(null, new IllegalArgumentException("request(" + n + "): demand must be positive"));
            return;
        }
        demand.accumulateAndGet(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    /** Ends the subscription from the service's side; the subscriber receives {@code reason} as an error. */
    void stop(Throwable reason) {
        stopReason.compareAndSet(null, reason);
    }

    /** Waits until the consumer is closed and the subscriber has had its last signal. */
    boolean awaitTermination(Duration timeout) throws InterruptedException {
        if (Thread.currentThread() == thread) {
            return false;
        }
        thread.join(Math.max(1, timeout.toMillis()));
        return !thread.isAlive();
    }

    private boolean running() {
        return !cancelled && stopReason.get() == null;
    }

    private void run() {
        Throwable failure = null;
        try {
            if (running()) {
                consumer = consumerFactory.get();
                selection.applyTo(consumer, new Rebalances());
                LOG.debug("Subscription {} reads {}", thread.getName(), selection);
            }
            while (running()) {
                commitAcknowledged();
                deliver();
                if (!running()) {
                    break;
                }
                applyBackpressure();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                    undelivered.add(record);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            failure = e;
            LOG.warn("Subscription {} to {} failed", thread.getName(), selection, e);
        } finally {
            close();
        }
        Throwable error = failure != null ? failure : stopReason.get();
        try {
            // Reactive Streams rule 1.6/3.7: after cancel nothing more is signalled.
            if (error != null && !cancelled) {
                subscriber.onError(error);
            }
        } catch (RuntimeException e) {
            LOG.warn("Subscriber of {} threw from onError", thread.getName(), e);
        } finally {
            onTermination.accept(this);
        }
    }

    private void deliver() {
        while (!undelivered.isEmpty() && running() && takeOneDemand()) {
            AcknowledgeableRecord<byte[], byte[]> record = ledger.track(undelivered.poll());
            try {
                subscriber.onNext(record);
            } catch (RuntimeException e) {
                // Rule 2.13: a subscriber that throws is treated as having cancelled.
                LOG.warn("Subscriber of {} threw from onNext; cancelling its subscription", thread.getName(), e);
                cancelled = true;
            }
        }
    }

    private boolean takeOneDemand() {
        while (true) {
            long current = demand.get();
            if (current == 0) {
                return false;
            }
            // Rule 3.17: Long.MAX_VALUE means unbounded demand.
            if (current == Long.MAX_VALUE || demand.compareAndSet(current, current - 1)) {
                return true;
            }
        }
    }

    /** Pauses every partition while nothing may be delivered; polling goes on, keeping the group membership. */
    private void applyBackpressure() {
        Set<TopicPartition> paused = consumer.paused();
        if (!undelivered.isEmpty() || demand.get() == 0) {
            Set<TopicPartition> toPause = new HashSet<>(consumer.assignment());
            toPause.removeAll(paused);
            if (!toPause.isEmpty()) {
                consumer.pause(toPause);
            }
        } else if (!paused.isEmpty()) {
            consumer.resume(paused);
        }
    }

    private void commitAcknowledged() {
        commit(ledger.readyToCommit());
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
            ledger.committed(offsets);
        } catch (RebalanceInProgressException | CommitFailedException | RetriableException e) {
            // Not lost: the offsets stay ready and are committed on the next loop or at revocation.
            LOG.debug("Commit of {} deferred: {}", offsets, e.toString());
        }
    }

    private void close() {
        if (consumer == null) {
            return;
        }
        try {
            commitAcknowledged();
        } catch (RuntimeException e) {
            LOG.warn("Subscription {} could not commit its acknowledged offsets while closing", thread.getName(), e);
        }
        try {
            consumer.close(CLOSE_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.warn("Subscription {} could not close its consumer cleanly", thread.getName(), e);
        }
    }

    private void dropUndelivered(Collection<TopicPartition> partitions) {
        undelivered.removeIf(record -> partitions.contains(new TopicPartition(record.topic(), record.partition())));
    }

    /** Runs inside {@code poll}, on the consumer thread. */
    private final class Rebalances implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            commit(ledger.readyToCommit(partitions));
            ledger.forget(partitions);
            dropUndelivered(partitions);
            tell(() -> listener.revoked(partitions), "revoked");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                tell(() -> listener.assigned(partitions), "assigned");
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // Another member owns them already: a commit would be rejected.
            ledger.forget(partitions);
            dropUndelivered(partitions);
            tell(() -> listener.lost(partitions), "lost");
        }

        private void tell(Runnable callback, String event) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.warn("Partition listener of {} threw on partitions {}", thread.getName(), event, e);
            }
        }
    }
}
