package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LeftoverTransactionsTest {

    private static final TopicPartition OUT = new TopicPartition("out", 0);
    private static final TopicPartition CHANGELOG = new TopicPartition("hyperiot-stream-s-changelog", 1);
    private static final String ID = "hyperiot-stream-s-storm-in-1";

    private final RecordingChangelogAdmin admin = new RecordingChangelogAdmin();

    @Test
    void abortsTheTransactionsOfItsOwnProducerIdOnlyWhereverTheyAreOpen() {
        admin.producerIds.put(ID, 8L);
        admin.open.put(OUT, List.of(open(8, 31, 1373), open(12, 4, 1380)));
        admin.open.put(CHANGELOG, List.of(open(8, 31, 90)));

        int aborted = LeftoverTransactions.abort(admin, "s", ID, List.of(OUT, CHANGELOG));

        assertThat(aborted).isEqualTo(2);
        assertThat(admin.aborts).containsExactlyInAnyOrder("out-0 8/31", "hyperiot-stream-s-changelog-1 8/31");
    }

    @Test
    void anIdItsCoordinatorDoesNotKnowLeftNothing() {
        admin.open.put(OUT, List.of(open(8, 31, 1373)));

        assertThat(LeftoverTransactions.abort(admin, "s", ID, List.of(OUT))).isZero();
        assertThat(admin.aborts).isEmpty();
    }

    @Test
    void noPartitionsNoRequest() {
        assertThat(LeftoverTransactions.abort(admin, "s", ID, List.of())).isZero();
        assertThat(admin.asked).isZero();
    }

    private static ProducerState open(long producerId, int epoch, long since) {
        return new ProducerState(producerId, epoch, 3, 0L, OptionalInt.of(0), OptionalLong.of(since));
    }
}
