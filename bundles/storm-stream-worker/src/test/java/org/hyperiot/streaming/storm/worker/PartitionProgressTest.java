package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PartitionProgressTest {

    private final PartitionProgress progress = new PartitionProgress(3, 100);

    @Test
    void acknowledgementsMoveTheCommittableOffsetOnlyOverAnUnbrokenRun() {
        TupleRange first = progress.emitted(101);
        TupleRange second = progress.emitted(105);
        TupleRange third = progress.emitted(106);

        assertThat(progress.acknowledged(second)).as("the first one is still in flight").isFalse();
        assertThat(progress.committable()).isEqualTo(100);
        assertThat(progress.acknowledged(first)).isTrue();
        assertThat(progress.committable()).as("both, in one move").isEqualTo(105);
        assertThat(progress.acknowledged(third)).isTrue();
        assertThat(progress.committable()).isEqualTo(106);
        assertThat(progress.inFlight()).isZero();
    }

    @Test
    void aFailureRewindsTheWholePartitionToTheAcknowledgedOffset() {
        TupleRange first = progress.emitted(101);
        TupleRange second = progress.emitted(102);
        TupleRange third = progress.emitted(103);
        progress.acknowledged(first);
        progress.acknowledged(third);

        assertThat(progress.failed(second)).isTrue();

        assertThat(progress.position()).as("read again from the first record not acknowledged").isEqualTo(101);
        assertThat(progress.committable()).isEqualTo(101);
        assertThat(progress.inFlight()).isZero();
        assertThat(progress.epoch()).isEqualTo(1);
        // The third tuple's acknowledgement came before the rewind: its records come again, in order.
        TupleRange again = progress.emitted(103);
        assertThat(again).isEqualTo(new TupleRange(3, 1, 101, 103));
    }

    @Test
    void answersAboutTuplesOfAnEarlierEpochAreStale() {
        TupleRange first = progress.emitted(101);
        TupleRange second = progress.emitted(102);
        progress.failed(first);
        TupleRange replay = progress.emitted(102);

        assertThat(progress.acknowledged(second)).isFalse();
        assertThat(progress.failed(second)).as("no second rewind for the same loss").isFalse();
        assertThat(progress.committable()).isEqualTo(100);
        assertThat(progress.acknowledged(replay)).isTrue();
        assertThat(progress.committable()).isEqualTo(102);
    }

    @Test
    void aRepeatedAcknowledgementChangesNothing() {
        TupleRange first = progress.emitted(101);
        progress.acknowledged(first);

        assertThat(progress.acknowledged(first)).isFalse();
        assertThat(progress.failed(first)).as("acknowledged before: nothing to rewind").isFalse();
        assertThat(progress.committable()).isEqualTo(101);
    }

    @Test
    void offsetsMaySkipBetweenTuples() {
        // Transaction markers and compacted records leave holes in the offsets; positions do not.
        TupleRange first = progress.emitted(104);
        TupleRange second = progress.emitted(110);
        progress.acknowledged(first);
        progress.acknowledged(second);

        assertThat(progress.committable()).isEqualTo(110);
    }

    @Test
    void aTupleCoversAtLeastOnePosition() {
        assertThatThrownBy(() -> progress.emitted(100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PartitionProgress(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
