package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/**
 * Under exactly-once, a transaction whose offsets the group refuses because its generation moved on
 * (a cooperative rebalance the worker is part of) is aborted and the worker starts over from the last
 * commit within the same attempt: a new attempt would leave and rejoin the group, and that rebalance
 * would refuse the other members' transactions in turn (the kill matrix saw two nodes fence each other
 * this way for about a minute after a broker restart and a crash, waiting longer each time).
 */
class RefusedTransactionTest {

    private static final String FILTER = """
            {"name":"s","guarantee":"exactly-once","source":{"topics":["in"]},
             "pipeline":[{"op":"filter","where":{"field":"t","gt":0}}],"sink":{"topic":"out"}}""";

    @Test
    void aRefusedTransactionIsUndoneAndProcessedAgainFromTheLastCommitWithoutANewAttempt() {
        WorkerHarness harness = new WorkerHarness(FILTER);
        AtomicLong positionAfterRefusal = new AtomicLong(-1);
        AtomicBoolean abortedAfterRefusal = new AtomicBoolean();
        harness.assign().records("{\"t\":1}", "{\"t\":2}", "{\"t\":3}")
                .then(() -> harness.kafka.producer.commitTransactionException = new CommitFailedException())
                .advance(Duration.ofMillis(200))
                .then(() -> {
                    harness.kafka.producer.commitTransactionException = null;
                    abortedAfterRefusal.set(harness.kafka.producer.transactionAborted());
                    positionAfterRefusal.set(harness.kafka.consumer.position(WorkerHarness.IN));
                    // Read again from where the worker went back to.
                    for (int offset = 0; offset < 3; offset++) {
                        byte[] value = ("{\"t\":" + (offset + 1) + "}").getBytes(StandardCharsets.UTF_8);
                        harness.kafka.consumer.addRecord(new ConsumerRecord<>("in", 0, offset, harness.clock.millis(),
                                TimestampType.CREATE_TIME, 0, value.length, null, value, new RecordHeaders(),
                                Optional.empty()));
                    }
                })
                .advance(Duration.ofMillis(200)).then(() -> { }).stop();

        harness.worker.run();

        assertThat(harness.attempts).hasValue(1);
        assertThat(positionAfterRefusal).hasValue(0);
        assertThat(abortedAfterRefusal).isTrue();
        // The aborted transaction's outputs are gone; the second pass committed each record once.
        assertThat(harness.kafka.producer.sentValues("out")).containsExactly("{\"t\":1}", "{\"t\":2}", "{\"t\":3}");
        assertThat(harness.kafka.producer.consumerGroupOffsetsHistory()).last()
                .satisfies(offsets -> assertThat(offsets.values().iterator().next().get(WorkerHarness.IN).offset())
                        .isEqualTo(3));
    }

    @Test
    void aGroupThatRefusesEveryTransactionEndsTheAttempt() {
        WorkerHarness harness = new WorkerHarness(FILTER);
        harness.assign().records("{\"t\":1}")
                .then(() -> harness.kafka.producer.commitTransactionException = new CommitFailedException());
        for (int i = 0; i < 6; i++) {
            harness.advance(Duration.ofMillis(200)).records("{\"t\":1}");
        }
        harness.stop();

        harness.worker.run();

        // The first attempt ended; the harness stops the worker when a second one begins.
        assertThat(harness.attempts).hasValue(2);
        assertThat(harness.kafka.producer.sentValues("out")).isEmpty();
    }
}
