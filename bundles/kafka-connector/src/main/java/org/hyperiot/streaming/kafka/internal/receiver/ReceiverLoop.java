package org.hyperiot.streaming.kafka.internal.receiver;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;
import org.hyperiot.streaming.kafka.internal.FailureLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the records of one subscription to one receiver, on the thread that runs it, with its
 * own consumer. At least once: an offset is committed (synchronously, after each poll's batch and
 * when stopping) only past records the receiver returned from, records whose key it did not ask
 * for, and records the dead-letter topic acknowledged. Retries happen in place, so a failing record
 * holds back the records after it, which keeps each partition in order.
 *
 * <p>The thread running the loop must have kafka-clients' loader as its context class loader: the
 * consumer is created and closed on it.
 */
final class ReceiverLoop implements Runnable {

    /** Writes a dead-letter record and returns only once Kafka acknowledged it. */
    @FunctionalInterface
    interface DeadLetterSink {
        void publish(ProducerRecord<byte[], byte[]> record) throws Exception;
    }

    /** Gets the receiver's consumer group ready before the consumer joins it; may fail and is then tried again. */
    @FunctionalInterface
    interface GroupPreparation {
        void prepare() throws Exception;
    }

    private enum Outcome { DONE, REDELIVER, STOPPED }

    private static final Logger LOG = LoggerFactory.getLogger(ReceiverLoop.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final KafkaMessageReceiver receiver;
    private final ReceiverSubscription subscription;
    private final RetryBackoff backoff;
    private final String deadLetterTopic;
    private final DeadLetterSink deadLetters;
    private final Duration pollTimeout;
    private final GroupPreparation groupPreparation;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    /** Against an unreachable cluster every poll could fail the same way: the log hears of it once in a while. */
    private final FailureLog failures = FailureLog.to(LOG);
    private volatile boolean stopping;
    private volatile Consumer<byte[], byte[]> consumer;

    ReceiverLoop(Supplier<Consumer<byte[], byte[]>> consumerFactory, KafkaMessageReceiver receiver,
            ReceiverSubscription subscription, RetryBackoff backoff, String deadLetterTopic, DeadLetterSink deadLetters,
            Duration pollTimeout) {
        this(consumerFactory, receiver, subscription, backoff, deadLetterTopic, deadLetters, pollTimeout, () -> { });
    }

    /**
     * @param groupPreparation runs before the consumer joins its group, and again after each failure
     *                         (at most every {@code backoff.max()}) until it succeeds or the loop is stopped
     */
    ReceiverLoop(Supplier<Consumer<byte[], byte[]>> consumerFactory, KafkaMessageReceiver receiver,
            ReceiverSubscription subscription, RetryBackoff backoff, String deadLetterTopic, DeadLetterSink deadLetters,
            Duration pollTimeout, GroupPreparation groupPreparation) {
        this.groupPreparation = groupPreparation;
        this.consumerFactory = consumerFactory;
        this.receiver = receiver;
        this.subscription = subscription;
        this.backoff = backoff;
        this.deadLetterTopic = deadLetterTopic;
        this.deadLetters = deadLetters;
        this.pollTimeout = pollTimeout;
    }

    /**
     * Asks the loop to stop after the record being handled; callable from any thread. A record
     * waiting for a retry is not committed, so it is delivered again when the receiver comes back.
     */
    void stop() {
        stopping = true;
        stopSignal.countDown();
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            consumer = consumerFactory.get();
        } catch (RuntimeException e) {
            LOG.error("Receiver {} gets no records: its consumer could not be created", subscription.threadName(), e);
            return;
        }
        try {
            if (!prepareGroup()) {
                return;
            }
            consumer.subscribe(List.of(subscription.topic()));
            while (!stopping) {
                pollAndDeliver();
            }
        } finally {
            close();
        }
    }

    /** Whether the group is ready; {@code false} when the loop was stopped first. */
    private boolean prepareGroup() {
        while (!stopping) {
            try {
                groupPreparation.prepare();
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            } catch (Exception e) {
                failures.report(FailureLog.key("prepare group", e), "Receiver " + subscription.threadName()
                        + " waits: its consumer group could not be prepared (" + e + "); trying again every "
                        + backoff.max().toMillis() + " ms", null);
                awaitStop(backoff.max());
            }
        }
        return false;
    }

    private void pollAndDeliver() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(pollTimeout);
        } catch (WakeupException | InterruptException e) {
            stopping = true;
            return;
        } catch (KafkaException e) {
            failures.report(FailureLog.key("poll", e), "Receiver " + subscription.threadName()
                    + ": poll failed, trying again every " + backoff.max().toMillis() + " ms", e);
            awaitStop(backoff.max());
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        try {
            partitions:
            for (TopicPartition partition : records.partitions()) {
                for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                    Outcome outcome = stopping ? Outcome.STOPPED : deliver(record);
                    if (outcome == Outcome.STOPPED) {
                        stopping = true;
                        break partitions;
                    }
                    if (outcome == Outcome.REDELIVER) {
                        // Neither this record nor the later ones of its partition are committed: the
                        // next poll starts again at this record.
                        consumer.seek(partition, record.offset());
                        continue partitions;
                    }
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                }
            }
        } finally {
            commit(done);
        }
    }

    private Outcome deliver(ConsumerRecord<byte[], byte[]> record) {
        if (!subscription.matches(record.key())) {
            return Outcome.DONE;
        }
        for (int failed = 0; ; ) {
            try {
                receiver.receive(record);
                return Outcome.DONE;
            } catch (Exception e) {
                failed++;
                if (!backoff.retryAfter(failed)) {
                    return deadLetter(record, e);
                }
                LOG.warn("Receiver {} failed on {}-{}@{} (attempt {} of {}), trying again", subscription.threadName(),
                        record.topic(), record.partition(), record.offset(), failed, backoff.attempts(), e);
                if (awaitStop(backoff.delayAfter(failed))) {
                    return Outcome.STOPPED;
                }
            }
        }
    }

    private Outcome deadLetter(ConsumerRecord<byte[], byte[]> record, Exception error) {
        try {
            deadLetters.publish(DeadLetterRecords.of(record, error, deadLetterTopic));
            LOG.error("Receiver {} failed {} times on {}-{}@{}; the record went to {}", subscription.threadName(),
                    backoff.attempts(), record.topic(), record.partition(), record.offset(), deadLetterTopic, error);
            return Outcome.DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.STOPPED;
        } catch (Exception e) {
            failures.report(FailureLog.key("dead letter", e), "Receiver " + subscription.threadName()
                    + ": the dead-letter topic " + deadLetterTopic + " did not take " + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + "; it will be delivered again", e);
            return awaitStop(backoff.max()) ? Outcome.STOPPED : Outcome.REDELIVER;
        }
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return;
        }
        for (int tries = 0; tries < 2; tries++) {
            try {
                consumer.commitSync(offsets);
                return;
            } catch (WakeupException e) {
                // stop() woke the consumer while the batch was being delivered; the wake-up is used up
                // now, so the commit of what the receiver handled can go through.
                stopping = true;
            } catch (InterruptException e) {
                stopping = true;
                LOG.warn("Receiver {}: interrupted while committing; records after the last commit will be delivered again",
                        subscription.threadName());
                return;
            } catch (KafkaException e) {
                failures.report(FailureLog.key("commit", e), "Receiver " + subscription.threadName()
                        + ": commit failed; records after the last commit will be delivered again", e);
                return;
            }
        }
    }

    /** Waits up to {@code delay} and tells whether the loop was asked to stop meanwhile. */
    private boolean awaitStop(Duration delay) {
        try {
            return stopSignal.await(delay.toMillis(), TimeUnit.MILLISECONDS) || stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return true;
        }
    }

    private void close() {
        try {
            consumer.close(CloseOptions.timeout(CLOSE_TIMEOUT));
        } catch (RuntimeException e) {
            LOG.warn("Receiver {}: closing its consumer failed", subscription.threadName(), e);
        }
    }
}
