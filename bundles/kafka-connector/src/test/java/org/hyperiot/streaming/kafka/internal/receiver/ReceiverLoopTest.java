package org.hyperiot.streaming.kafka.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.hyperiot.streaming.api.kafka.KafkaMessageReceiver;
import org.junit.jupiter.api.Test;

class ReceiverLoopTest {

    private static final TopicPartition PARTITION = new TopicPartition("t", 0);
    private static final RetryBackoff NO_WAIT = new RetryBackoff(3, Duration.ZERO, Duration.ZERO);

    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            committed.putAll(offsets);
        }
    };
    private final List<String> received = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();

    @Test
    void recordsOfOtherKeysAreSkippedAndCommittedWithTheHandledOnes() {
        ReceiverLoop loop = loop(record -> received.add(text(record.value())), "k1", NO_WAIT, deadLetters::add);

        runOnce(loop, record(0, "k1", "a"), record(1, "k2", "b"), record(2, null, "c"), record(3, "k1", "d"),
                record(4, "k10", "e"));

        assertThat(received).containsExactly("a", "d");
        assertThat(committedOffset()).isEqualTo(5);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void aReceiverThatKeepsFailingIsRetriedThenItsRecordGoesToTheDeadLetterTopic() {
        AtomicInteger badAttempts = new AtomicInteger();
        ReceiverLoop loop = loop(record -> {
            if (text(record.value()).equals("bad")) {
                badAttempts.incrementAndGet();
                throw new IllegalStateException("cannot handle bad");
            }
            received.add(text(record.value()));
        }, null, NO_WAIT, deadLetters::add);

        runOnce(loop, record(0, "k", "good-1"), record(1, "k", "bad"), record(2, "k", "good-2"));

        assertThat(badAttempts).hasValue(3);
        assertThat(received).containsExactly("good-1", "good-2");
        assertThat(deadLetters).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("t.dlq");
            assertThat(text(dead.value())).isEqualTo("bad");
            assertThat(header(dead, DeadLetterRecords.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(dead, DeadLetterRecords.ERROR_MESSAGE)).isEqualTo("cannot handle bad");
            assertThat(header(dead, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("1");
        });
        assertThat(committedOffset()).isEqualTo(3);
    }

    @Test
    void aRecordTheDeadLetterTopicRefusedIsNotCommittedAndComesAgain() {
        AtomicInteger sinkCalls = new AtomicInteger();
        ReceiverLoop loop = loop(record -> {
            if (text(record.value()).equals("bad")) {
                throw new IllegalStateException("bad");
            }
            received.add(text(record.value()));
        }, null, NO_WAIT, dead -> {
            if (sinkCalls.incrementAndGet() == 1) {
                throw new IllegalStateException("dead-letter topic unavailable");
            }
            deadLetters.add(dead);
        });
        consumer.schedulePollTask(() -> assign(record(0, "k", "good-1"), record(1, "k", "bad"), record(2, "k", "good-2")));
        consumer.schedulePollTask(() -> {
            assertThat(committedOffset()).isEqualTo(1);
            // MockConsumer forgets records once polled; a real partition still holds them after the seek.
            consumer.addRecord(record(1, "k", "bad"));
            consumer.addRecord(record(2, "k", "good-2"));
        });
        consumer.schedulePollTask(loop::stop);

        loop.run();

        assertThat(sinkCalls).hasValue(2);
        assertThat(deadLetters).hasSize(1);
        assertThat(received).containsExactly("good-1", "good-2");
        assertThat(committedOffset()).isEqualTo(3);
    }

    @Test
    void stoppingDuringABatchCommitsOnlyWhatTheReceiverHandled() {
        ReceiverLoop[] self = new ReceiverLoop[1];
        ReceiverLoop loop = loop(record -> {
            received.add(text(record.value()));
            if (record.offset() == 1) {
                self[0].stop();
            }
        }, null, NO_WAIT, deadLetters::add);
        self[0] = loop;
        consumer.schedulePollTask(() -> assign(record(0, "k", "a"), record(1, "k", "b"), record(2, "k", "c")));

        loop.run();

        assertThat(received).containsExactly("a", "b");
        assertThat(committedOffset()).isEqualTo(2);
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void stoppingDuringTheBackOffDoesNotWaitItOutNorCommitTheFailingRecord() {
        ReceiverLoop[] self = new ReceiverLoop[1];
        ReceiverLoop loop = loop(record -> {
            if (record.offset() == 1) {
                self[0].stop();
                throw new IllegalStateException("failing while being removed");
            }
            received.add(text(record.value()));
        }, null, new RetryBackoff(3, Duration.ofHours(1), Duration.ofHours(1)), deadLetters::add);
        self[0] = loop;
        consumer.schedulePollTask(() -> assign(record(0, "k", "a"), record(1, "k", "b")));

        loop.run();

        assertThat(received).containsExactly("a");
        assertThat(deadLetters).isEmpty();
        assertThat(committedOffset()).isEqualTo(1);
    }

    @Test
    void theConsumerJoinsItsGroupOnlyOnceTheGroupIsPreparedAndFailedPreparationsAreRetried() {
        AtomicInteger preparations = new AtomicInteger();
        ReceiverLoop loop = new ReceiverLoop(() -> consumer, record -> received.add(text(record.value())),
                new ReceiverSubscription("t", null, "test"), NO_WAIT, "t.dlq", deadLetters::add, Duration.ofMillis(10),
                () -> {
                    assertThat(consumer.subscription()).as("not subscribed before the group is ready").isEmpty();
                    if (preparations.incrementAndGet() < 3) {
                        throw new org.apache.kafka.common.errors.TimeoutException("no answer");
                    }
                });

        runOnce(loop, record(0, "k", "a"));

        assertThat(preparations).hasValue(3);
        assertThat(received).containsExactly("a");
    }

    @Test
    void aLoopStoppedWhileItsGroupCannotBePreparedNeverSubscribes() {
        ReceiverLoop[] self = new ReceiverLoop[1];
        ReceiverLoop loop = new ReceiverLoop(() -> consumer, record -> received.add(text(record.value())),
                new ReceiverSubscription("t", null, "test"), new RetryBackoff(3, Duration.ofHours(1), Duration.ofHours(1)),
                "t.dlq", deadLetters::add, Duration.ofMillis(10), () -> {
                    self[0].stop();
                    throw new org.apache.kafka.common.errors.TimeoutException("no answer");
                });
        self[0] = loop;

        loop.run();

        assertThat(consumer.subscription()).isEmpty();
        assertThat(consumer.closed()).isTrue();
    }

    private ReceiverLoop loop(KafkaMessageReceiver receiver, String key, RetryBackoff backoff,
            ReceiverLoop.DeadLetterSink sink) {
        return new ReceiverLoop(() -> consumer, receiver, new ReceiverSubscription("t", key, "test"), backoff, "t.dlq",
                sink, Duration.ofMillis(10));
    }

    /** Delivers the records in one poll, then stops the loop at the next poll. */
    @SafeVarargs
    private void runOnce(ReceiverLoop loop, ConsumerRecord<byte[], byte[]>... records) {
        consumer.schedulePollTask(() -> assign(records));
        consumer.schedulePollTask(loop::stop);
        loop.run();
    }

    @SafeVarargs
    private void assign(ConsumerRecord<byte[], byte[]>... records) {
        consumer.rebalance(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            consumer.addRecord(record);
        }
    }

    private long committedOffset() {
        OffsetAndMetadata offset = committed.get(PARTITION);
        return offset == null ? -1 : offset.offset();
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String key, String value) {
        return new ConsumerRecord<>("t", 0, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : text(header.value());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
