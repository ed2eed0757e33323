package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.P0;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.changelog;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.offsets;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.record;

import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExactlyOnceProtocolTest {

    private final ProtocolFixtures kafka = new ProtocolFixtures();
    private final ExactlyOnceProtocol protocol = new ExactlyOnceProtocol("s", kafka.collector,
            kafka.consumer::groupMetadata);

    @BeforeEach
    void initTransactions() {
        kafka.producer.initTransactions();
    }

    @Test
    void outputsStateChangesAndOffsetsGoInOneTransaction() {
        protocol.emit(P0, record("out", "a"));
        assertThat(kafka.producer.transactionInFlight()).isTrue();

        protocol.commit(offsets(P0, 9), changelog(P0, "c"), false);

        assertThat(kafka.producer.transactionCommitted()).isTrue();
        assertThat(kafka.producer.sentValues("out")).containsExactly("a");
        assertThat(kafka.producer.sentValues("changelog")).containsExactly("c");
        assertThat(kafka.producer.consumerGroupOffsetsHistory()).hasSize(1);
        assertThat(kafka.producer.consumerGroupOffsetsHistory().get(0).values().iterator().next().get(P0).offset())
                .isEqualTo(9);
        // Nothing was committed outside the transaction.
        assertThat(kafka.events).doesNotContain("commit in-0=9");
    }

    @Test
    void theOffsetsGoWithTheGroupMetadataGivenWhenTheTransactionCommits() {
        // A consumer that assigns itself its partitions (a Storm spout) is no group member: only the group id is known.
        ExactlyOnceProtocol assigned = new ExactlyOnceProtocol("s", kafka.collector,
                () -> new ConsumerGroupMetadata("hyperiot-stream-s"));
        assigned.emit(P0, record("out", "a"));

        assigned.commit(offsets(P0, 9), Map.of(), false);

        assertThat(kafka.producer.consumerGroupOffsetsHistory()).singleElement()
                .satisfies(offsets -> assertThat(offsets).containsOnlyKeys("hyperiot-stream-s"));
    }

    @Test
    void aTransactionIsAlwaysSentWithOffsetsSoThatTheGroupCanFenceIt() {
        assertThatThrownBy(() -> protocol.commit(Map.of(), changelog(P0, "c"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbortLeavesNothingVisible() {
        protocol.emit(P0, record("out", "a"));

        protocol.abort();

        assertThat(kafka.producer.transactionAborted()).isTrue();
        assertThat(kafka.producer.history()).isEmpty();
        assertThat(kafka.producer.consumerGroupOffsetsHistory()).isEmpty();
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void aFencedProducerMeansTheTasksMigrated() {
        kafka.producer.fenceProducer();

        assertThatThrownBy(() -> protocol.emit(P0, record("out", "a"))).isInstanceOf(TaskMigratedException.class);
    }

    @Test
    void aTransactionWhoseOffsetsTheGroupRefusesIsAbortedAndReportedRefused() {
        protocol.emit(P0, record("out", "a"));
        kafka.producer.commitTransactionException = new CommitFailedException();

        assertThat(protocol.commit(offsets(P0, 9), Map.of(), false)).isEqualTo(DeliveryProtocol.Outcome.REFUSED);

        assertThat(kafka.producer.transactionAborted()).isTrue();
        assertThat(kafka.producer.history()).isEmpty();
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void nothingToCommitStartsNoTransaction() {
        assertThat(protocol.commit(Map.of(), Map.of(), false)).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);
        assertThat(kafka.producer.transactionInFlight()).isFalse();
        assertThat(kafka.producer.consumerGroupOffsetsHistory()).isEmpty();
    }

    @Test
    void aFencedCommitIsMigratedToo() {
        protocol.emit(P0, record("out", "a"));
        kafka.producer.commitTransactionException = new ProducerFencedException("newer epoch");

        assertThatThrownBy(() -> protocol.commit(offsets(P0, 9), Map.of(), false)).isInstanceOf(TaskMigratedException.class);
    }
}
