package org.hyperiot.streaming.kafka.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads one cluster topic for as long as the node runs and hands each record to a handler, starting
 * at the records written since a given time. Nothing it meets stops it: a record the handler throws
 * on, or that cannot be read, is skipped; a failing poll, a consumer that cannot be created or a
 * topic that does not exist yet are tried again after a pause. Each distinct failure reaches the log
 * once per {@link FailureLog} interval, since a poisoned topic or an unreachable cluster would
 * otherwise write a line per record or per attempt.
 *
 * <p>The thread running it must have kafka-clients' loader as its context class loader: the
 * consumer is created and closed on it.
 */
final class ClusterTopicListener implements Runnable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Supplier<Consumer<byte[], byte[]>> consumerFactory;
    private final String topic;
    private final java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private final LongSupplier startFrom;
    private final Duration retryDelay;
    private final FailureLog failures;
    private final Object pause = new Object();
    private volatile boolean running = true;
    private volatile boolean reconnectRequested;
    private volatile Consumer<byte[], byte[]> consumer;

    /**
     * @param startFrom  the epoch milliseconds to start reading from, asked each time partitions are assigned
     * @param retryDelay the pause before trying again after a failure, and between looks for the topic
     */
    ClusterTopicListener(Supplier<Consumer<byte[], byte[]>> consumerFactory, String topic,
            java.util.function.Consumer<ConsumerRecord<byte[], byte[]>> handler, LongSupplier startFrom,
            Duration retryDelay, FailureLog failures) {
        this.consumerFactory = consumerFactory;
        this.topic = topic;
        this.handler = handler;
        this.startFrom = startFrom;
        this.retryDelay = retryDelay;
        this.failures = failures;
    }

    /** Ends the listener; callable from any thread. */
    void stop() {
        running = false;
        wakeUp();
    }

    /** Makes the listener replace its consumer with a new one from the factory. */
    void reconnect() {
        reconnectRequested = true;
        wakeUp();
    }

    boolean isRunning() {
        return running;
    }

    private void wakeUp() {
        synchronized (pause) {
            pause.notifyAll();
        }
        Consumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    @Override
    public void run() {
        while (running) {
            reconnectRequested = false;
            Consumer<byte[], byte[]> current;
            try {
                current = consumerFactory.get();
            } catch (RuntimeException e) {
                failures.report(FailureLog.key("create consumer", e),
                        "The listener of " + topic + " could not create its consumer; trying again every "
                                + retryDelay.toMillis() + " ms", e);
                pause(retryDelay);
                continue;
            }
            consumer = current;
            try {
                listen(current);
            } catch (WakeupException | InterruptException e) {
                // stop() or reconnect() woke the consumer.
            } catch (RuntimeException e) {
                failures.report(FailureLog.key("read", e), "The listener of " + topic + " failed and starts again with "
                        + "a new consumer: " + e, e);
                pause(retryDelay);
            } finally {
                consumer = null;
                // An interrupted thread cannot close a consumer cleanly; the interrupt has done its job.
                Thread.interrupted();
                try {
                    current.close(CLOSE_TIMEOUT);
                } catch (RuntimeException e) {
                    failures.report(FailureLog.key("close", e), "The listener of " + topic + " could not close its consumer", e);
                }
            }
        }
    }

    private void listen(Consumer<byte[], byte[]> current) {
        while (running && !reconnectRequested) {
            if (current.assignment().isEmpty() && !assign(current)) {
                // The topic does not exist yet (the node creates it on start): an unassigned consumer
                // cannot poll, so look again after a pause.
                pause(retryDelay);
                continue;
            }
            ConsumerRecords<byte[], byte[]> records;
            try {
                records = current.poll(POLL);
            } catch (RecordDeserializationException e) {
                // Only the record at this offset is unreadable; the ones after it are not lost with it.
                failures.report("unreadable", "Skipped the unreadable record " + e.topicPartition() + "@" + e.offset()
                        + " of " + topic + ": " + e.getMessage(), null);
                current.seek(e.topicPartition(), e.offset() + 1);
                continue;
            }
            for (ConsumerRecord<byte[], byte[]> record : records) {
                try {
                    handler.accept(record);
                } catch (RuntimeException e) {
                    failures.report(FailureLog.key("handle", e), "Skipped the record " + record.topic() + "-"
                            + record.partition() + "@" + record.offset() + " that could not be handled: " + e, e);
                }
            }
        }
    }

    private boolean assign(Consumer<byte[], byte[]> current) {
        List<PartitionInfo> partitions;
        try {
            partitions = current.partitionsFor(topic, retryDelay);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return false;
        }
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        current.assign(assigned);
        long since = startFrom.getAsLong();
        Map<TopicPartition, Long> times = new HashMap<>();
        assigned.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets;
        try {
            offsets = current.offsetsForTimes(times, retryDelay);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            // The cluster went away meanwhile: the same consumer asks again later (a new one would
            // only add its whole configuration to the log).
            current.unsubscribe();
            return false;
        } catch (KafkaException e) {
            current.unsubscribe();
            throw e;
        }
        assigned.forEach(partition -> {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                current.seekToEnd(List.of(partition));
            } else {
                current.seek(partition, offset.offset());
            }
        });
        return true;
    }

    private void pause(Duration delay) {
        synchronized (pause) {
            if (!running || reconnectRequested) {
                return;
            }
            try {
                pause.wait(Math.max(1, delay.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
