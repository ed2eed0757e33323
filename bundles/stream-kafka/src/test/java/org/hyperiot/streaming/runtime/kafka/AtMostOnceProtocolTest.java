package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.P0;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.P1;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.changelog;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.offsets;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.record;

import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class AtMostOnceProtocolTest {

    private final ProtocolFixtures kafka = new ProtocolFixtures();
    private final AtMostOnceProtocol protocol = new AtMostOnceProtocol("s", kafka.collector, kafka.consumer);

    @Test
    void commitsTheOffsetsThenMakesTheStateDurableThenSendsTheOutputs() {
        protocol.emit(P0, record("out", "window-1"));
        assertThat(kafka.events).isEmpty();

        assertThat(protocol.commit(offsets(P0, 5), changelog(P0, "window-1-closed"), false))
                .isEqualTo(DeliveryProtocol.Outcome.COMMITTED);

        // The second commit confirms that this member still owned the partition once the state was written.
        assertThat(kafka.events).containsExactly("commit in-0=5", "send changelog window-1-closed", "flush",
                "commit in-0=5", "send out window-1");
    }

    @Test
    void aNodeThatLostItsPartitionWhileWritingTheStateSendsNoOutputOfIt() {
        protocol.emit(P0, record("out", "window-1"));
        // Paused past its session timeout after the first commit: the group has moved on when it wakes up.
        kafka.consumer.failCommitAfter(1, new CommitFailedException());

        assertThatThrownBy(() -> protocol.commit(offsets(P0, 5), changelog(P0, "window-1-closed"), false))
                .isInstanceOf(TaskMigratedException.class);
        protocol.abort();

        // The next owner restored the window open (it claimed the partition before the late tombstone)
        // and publishes it itself: this node must not.
        assertThat(kafka.producer.sentValues("out")).isEmpty();
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void aRebalanceBeforeTheOwnershipIsConfirmedGivesTheOutputsUp() {
        protocol.emit(P0, record("out", "window-1"));
        kafka.consumer.failCommitAfter(1, new RebalanceInProgressException());

        assertThat(protocol.commit(offsets(P0, 5), changelog(P0, "window-1-closed"), false))
                .isEqualTo(DeliveryProtocol.Outcome.COMMITTED);

        assertThat(kafka.producer.sentValues("changelog")).containsExactly("window-1-closed");
        assertThat(kafka.producer.sentValues("out")).isEmpty();
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void withoutStateChangesTheOutputsNeedNoConfirmation() {
        protocol.emit(P0, record("out", "a"));

        protocol.commit(offsets(P0, 1), Map.of(), false);

        // Stateless: a node that lost the partition after this commit can only lose these outputs.
        assertThat(kafka.events).containsExactly("commit in-0=1", "send out a");
    }

    @Test
    void aStateChangeKafkaRefusesGivesUpTheOutputsItCovers() {
        protocol.emit(P0, record("out", "window-1"));
        kafka.producer.failPendingOnNextFlush(new TimeoutException("broker gone"));

        assertThatThrownBy(() -> protocol.commit(offsets(P0, 5), changelog(P0, "window-1-closed"), false))
                .isInstanceOf(OutputNotAcknowledgedException.class);

        // Sent after a lost tombstone, the result would come again once the open window is restored.
        assertThat(kafka.producer.sentValues("out")).isEmpty();
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void aCommitTheGroupPostponesSendsNothingUntilALaterCommitCoversIt() {
        protocol.emit(P0, record("out", "a"));
        kafka.consumer.failNextCommit(new RebalanceInProgressException());

        assertThat(protocol.commit(offsets(P0, 1), changelog(P0, "c1"), false)).isEqualTo(DeliveryProtocol.Outcome.POSTPONED);
        assertThat(kafka.events).isEmpty();

        assertThat(protocol.commit(offsets(P0, 1), Map.of(), false)).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);
        assertThat(kafka.events).containsExactly("commit in-0=1", "send changelog c1", "flush", "commit in-0=1",
                "send out a");
    }

    @Test
    void outputsAndStateOfARevokedPartitionAreNeverSentLater() {
        protocol.emit(P0, record("out", "from-p0"));
        protocol.emit(P1, record("out", "from-p1"));
        kafka.consumer.failNextCommit(new RebalanceInProgressException());
        protocol.commit(Map.of(P0, offsets(P0, 3).get(P0), P1, offsets(P1, 4).get(P1)), changelog(P0, "p0-state"), false);

        protocol.discard(Set.of(P0));
        protocol.commit(offsets(P1, 4), Map.of(), false);

        assertThat(kafka.producer.sentValues("out")).containsExactly("from-p1");
        assertThat(kafka.producer.sentValues("changelog")).isEmpty();
    }

    @Test
    void anAbortDropsWhatIsHeld() {
        protocol.emit(P0, record("out", "a"));
        protocol.abort();

        protocol.commit(offsets(P0, 1), Map.of(), false);

        assertThat(kafka.producer.sentValues("out")).isEmpty();
    }
}
