package org.hyperiot.streaming.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Kafka's mock clients, recording into one shared list what the worker asked of them and in which
 * order: {@code send <topic> <value>}, {@code flush}, {@code commit <partition>=<offset>} (synchronous),
 * {@code commitAsync <partition>=<offset>}.
 */
public final class ProtocolFixtures {

    /** The source partition the protocols' tests and the worker harness read. */
    public static final TopicPartition P0 = new TopicPartition("in", 0);
    static final TopicPartition P1 = new TopicPartition("in", 1);

    /** What was asked of the clients, in order. */
    public final List<String> events = new ArrayList<>();
    /** The producer, recording its sends and flushes into {@link #events}. */
    public final RecordingProducer producer = new RecordingProducer(events);
    /** The consumer, recording its commits into {@link #events}. */
    public final RecordingConsumer consumer = new RecordingConsumer(events);
    final RecordCollector collector = new RecordCollector(producer);

    static ProducerRecord<byte[], byte[]> record(String topic, String value) {
        return new ProducerRecord<>(topic, value.getBytes(StandardCharsets.UTF_8));
    }

    static Map<TopicPartition, OffsetAndMetadata> offsets(TopicPartition partition, long offset) {
        return Map.of(partition, new OffsetAndMetadata(offset));
    }

    static Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog(TopicPartition source, String... values) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (String value : values) {
            records.add(record("changelog", value));
        }
        return Map.of(source, records);
    }

    /** A producer whose sends stay pending until flushed, so that a test can fail one of them. */
    public static final class RecordingProducer extends MockProducer<byte[], byte[]> {

        private final List<String> events;
        private RuntimeException flushError;

        RecordingProducer(List<String> events) {
            super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
            this.events = events;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            events.add("send " + record.topic() + " " + (record.value() == null ? "null"
                    : new String(record.value(), StandardCharsets.UTF_8)));
            return super.send(record, callback);
        }

        @Override
        public synchronized void flush() {
            events.add("flush");
            if (flushError != null) {
                while (errorNext(flushError)) {
                    // every pending send fails, as when the broker never acknowledges them
                }
                flushError = null;
            }
            super.flush();
        }

        /** The next flush fails every send still pending, as a broker that does not answer would. */
        void failPendingOnNextFlush(RuntimeException error) {
            flushError = error;
        }

        /** The values sent to {@code topic} so far, as text, in order. */
        public List<String> sentValues(String topic) {
            return history().stream().filter(r -> r.topic().equals(topic))
                    .map(r -> r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)).toList();
        }
    }

    /**
     * A consumer that records commits and, like {@code KafkaConsumer}, lets a pending
     * {@link #wakeup()} interrupt the next blocking call, commits included.
     */
    public static final class RecordingConsumer extends MockConsumer<byte[], byte[]> {

        private final List<String> events;
        private RuntimeException nextCommitError;
        private int commitsBeforeError;
        private RuntimeException nextAsyncCommitError;
        private boolean deferAsyncAnswers;
        private final List<Runnable> asyncAnswers = new ArrayList<>();
        private boolean wakeupPending;

        RecordingConsumer(List<String> events) {
            super("earliest");
            this.events = events;
        }

        void failNextCommit(RuntimeException error) {
            failCommitAfter(0, error);
        }

        /** The synchronous commit after the next {@code successes} ones fails with {@code error}. */
        void failCommitAfter(int successes, RuntimeException error) {
            nextCommitError = error;
            commitsBeforeError = successes;
        }

        void failNextAsyncCommit(RuntimeException error) {
            nextAsyncCommitError = error;
        }

        /** From now on the answers to asynchronous commits wait for {@link #answerAsyncCommits()} or a poll. */
        void deferAsyncAnswers() {
            deferAsyncAnswers = true;
        }

        /** Runs the callbacks of the asynchronous commits made so far, oldest first, as a poll would. */
        synchronized void answerAsyncCommits() {
            List<Runnable> due = new ArrayList<>(asyncAnswers);
            asyncAnswers.clear();
            due.forEach(Runnable::run);
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                org.apache.kafka.clients.consumer.OffsetCommitCallback callback) {
            if (callback == null) {
                // MockConsumer's own commitSync stores the offsets through this method.
                super.commitAsync(offsets, null);
                return;
            }
            record("commitAsync", offsets);
            RuntimeException error = nextAsyncCommitError;
            nextAsyncCommitError = null;
            Map<TopicPartition, OffsetAndMetadata> asked = Map.copyOf(offsets);
            Runnable answer = () -> {
                if (error == null) {
                    super.commitSync(asked);
                }
                callback.onComplete(asked, error);
            };
            if (deferAsyncAnswers) {
                asyncAnswers.add(answer);
            } else {
                answer.run();
            }
        }

        private void record(String what, Map<TopicPartition, OffsetAndMetadata> offsets) {
            offsets.entrySet().stream().sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(TopicPartition::toString)))
                    .forEach(e -> events.add(what + " " + e.getKey() + "=" + e.getValue().offset()));
        }

        @Override
        public synchronized void wakeup() {
            wakeupPending = true;
            super.wakeup();
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (wakeupPending) {
                wakeupPending = false;
                throw new WakeupException();
            }
            // Like KafkaConsumer: earlier asynchronous commits are answered before a synchronous one.
            answerAsyncCommits();
            if (nextCommitError != null && commitsBeforeError-- == 0) {
                RuntimeException error = nextCommitError;
                nextCommitError = null;
                throw error;
            }
            record("commit", offsets);
            super.commitSync(offsets);
        }

        @Override
        public synchronized org.apache.kafka.clients.consumer.ConsumerRecords<byte[], byte[]> poll(java.time.Duration timeout) {
            wakeupPending = false;
            answerAsyncCommits();
            return super.poll(timeout);
        }
    }
}
