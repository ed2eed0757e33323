package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.runtime.internal.kafka.ProtocolFixtures.P0;
import static org.hyperiot.streaming.runtime.internal.kafka.ProtocolFixtures.changelog;
import static org.hyperiot.streaming.runtime.internal.kafka.ProtocolFixtures.offsets;
import static org.hyperiot.streaming.runtime.internal.kafka.ProtocolFixtures.record;

import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class AtLeastOnceProtocolTest {

    private final ProtocolFixtures kafka = new ProtocolFixtures();
    private final AtLeastOnceProtocol protocol = new AtLeastOnceProtocol("s", kafka.collector, kafka.consumer);

    @Test
    void sendsAtOnceAndCommitsOnlyAfterEveryOutputAndStateChangeIsAcknowledged() {
        protocol.emit(P0, record("out", "a"));
        assertThat(kafka.events).containsExactly("send out a");

        assertThat(protocol.commit(offsets(P0, 7), changelog(P0, "c"))).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);

        assertThat(kafka.events).containsExactly("send out a", "send changelog c", "flush", "commit in-0=7");
    }

    @Test
    void neverCommitsAfterASendError() {
        protocol.emit(P0, record("out", "a"));
        kafka.producer.errorNext(new TimeoutException("not acknowledged"));

        assertThatThrownBy(() -> protocol.commit(offsets(P0, 7), Map.of()))
                .isInstanceOf(OutputNotAcknowledgedException.class);

        assertThat(kafka.events).noneMatch(event -> event.startsWith("commit"));
    }

    @Test
    void aRebalanceInProgressPostponesTheOffsets() {
        protocol.emit(P0, record("out", "a"));
        kafka.consumer.failNextCommit(new RebalanceInProgressException());

        assertThat(protocol.commit(offsets(P0, 7), Map.of())).isEqualTo(DeliveryProtocol.Outcome.POSTPONED);
        assertThat(protocol.commit(offsets(P0, 7), Map.of())).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);
        assertThat(kafka.events).containsOnlyOnce("commit in-0=7");
    }

    @Test
    void aGroupThatMovedOnMeansTheTasksMigrated() {
        kafka.consumer.failNextCommit(new CommitFailedException());

        assertThatThrownBy(() -> protocol.commit(offsets(P0, 7), Map.of())).isInstanceOf(TaskMigratedException.class);
    }
}
