package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.P0;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.P1;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.changelog;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.offsets;
import static org.hyperiot.streaming.runtime.kafka.ProtocolFixtures.record;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class AtLeastOnceProtocolTest {

    private final ProtocolFixtures kafka = new ProtocolFixtures();
    private final AtLeastOnceProtocol protocol = new AtLeastOnceProtocol("s", kafka.collector, kafka.consumer);

    @Test
    void sendsAtOnceAndCommitsTheOffsetsOnlyOnceEveryWriteBeforeThemIsAcknowledged() {
        protocol.emit(P0, record("out", "a"));
        assertThat(kafka.events).containsExactly("send out a");

        assertThat(protocol.commit(offsets(P0, 7), changelog(P0, "c"), false))
                .isEqualTo(DeliveryProtocol.Outcome.IN_FLIGHT);
        // Neither a flush nor a commit: the worker goes on polling.
        assertThat(kafka.events).containsExactly("send out a", "send changelog c");

        kafka.producer.completeNext();
        assertThat(protocol.settle()).isEmpty();
        assertThat(kafka.events).noneMatch(event -> event.startsWith("commit"));

        kafka.producer.completeNext();
        assertThat(protocol.settle()).isEqualTo(Map.of(P0, 7L));
        assertThat(kafka.events).containsExactly("send out a", "send changelog c", "commitAsync in-0=7");
    }

    @Test
    void aLaterCommitWaitsForTheWritesOfEveryEarlierOne() {
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 3), Map.of(), false);
        // Nothing written since: only offsets, which must still wait for "a".
        protocol.commit(Map.of(P0, new OffsetAndMetadata(5), P1, new OffsetAndMetadata(2)), Map.of(), false);

        assertThat(protocol.settle()).isEmpty();
        assertThat(kafka.events).noneMatch(event -> event.startsWith("commit"));

        kafka.producer.completeNext();
        assertThat(protocol.settle()).isEqualTo(Map.of(P0, 5L, P1, 2L));
        assertThat(kafka.events).containsExactly("send out a", "commitAsync in-0=5", "commitAsync in-1=2");
    }

    @Test
    void neverCommitsAfterASendError() {
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 7), Map.of(), false);
        protocol.emit(P0, record("out", "b"));
        protocol.commit(offsets(P0, 9), Map.of(), false);
        kafka.producer.errorNext(new TimeoutException("not acknowledged"));
        kafka.producer.completeNext();

        assertThatThrownBy(protocol::settle).isInstanceOf(OutputNotAcknowledgedException.class)
                .hasRootCauseInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> protocol.commit(offsets(P0, 9), Map.of(), true))
                .isInstanceOf(OutputNotAcknowledgedException.class);
        assertThat(kafka.events).noneMatch(event -> event.startsWith("commit"));
    }

    @Test
    void aClosingCommitFlushesAndCommitsEverythingBeforeItReturns() {
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 7), Map.of(), false);
        protocol.emit(P0, record("out", "b"));

        assertThat(protocol.commit(offsets(P0, 9), changelog(P0, "c"), true))
                .isEqualTo(DeliveryProtocol.Outcome.COMMITTED);

        assertThat(kafka.events).containsExactly("send out a", "send out b", "send changelog c", "flush",
                "commit in-0=9");
    }

    @Test
    void aClosingCommitCommitsAgainTheOffsetsOfAnAsynchronousCommitStillUnanswered() {
        // The duplicates of a crash-free benchmark run: the asynchronous commit before a revocation was
        // refused during the rebalance, and the revocation had no new offset to commit.
        kafka.consumer.deferAsyncAnswers();
        kafka.consumer.failNextAsyncCommit(new RebalanceInProgressException());
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 7), Map.of(), false);
        kafka.producer.completeNext();
        protocol.settle();
        assertThat(protocol.hasPendingOutputs()).as("offsets not confirmed yet").isTrue();

        assertThat(protocol.commit(Map.of(), Map.of(), true)).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);

        assertThat(kafka.events).containsExactly("send out a", "commitAsync in-0=7", "flush", "commit in-0=7");
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void aCommitSealedButNotYetGivenToTheGroupIsPendingWorkForTheRevocation() {
        // The duplicates of another crash-free micro-batch run: between two batches nothing is written, the
        // last batch's offsets waited for their outputs' acknowledgements, and a revocation then saw no
        // pending work, committed nothing and the next owner processed that batch again.
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 7), Map.of(), false);
        assertThat(protocol.hasPendingOutputs()).as("offsets waiting for their outputs").isTrue();

        kafka.producer.completeNext();
        assertThat(protocol.hasPendingOutputs()).as("outputs acknowledged, offsets not given to the group yet")
                .isTrue();

        assertThat(protocol.commit(Map.of(), Map.of(), true)).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);
        assertThat(kafka.events).containsExactly("send out a", "flush", "commit in-0=7");
        assertThat(protocol.hasPendingOutputs()).isFalse();
    }

    @Test
    void offsetsTheGroupDidNotTakeAreAskedAgainEvenWhenNoRecordFollows() {
        // What left a partition's last offsets uncommitted in an earlier attempt at this: input stops,
        // the last asynchronous commit fails, and nothing ever commits that partition again.
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 7), Map.of(), false);
        kafka.producer.completeNext();
        kafka.consumer.failNextAsyncCommit(new RebalanceInProgressException());

        assertThat(protocol.settle()).isEmpty();
        assertThat(protocol.settle()).isEqualTo(Map.of(P0, 7L));

        assertThat(kafka.events).containsExactly("send out a", "commitAsync in-0=7", "commitAsync in-0=7");
    }

    @Test
    void aFailedCommitIsNotAskedAgainOnceALaterOffsetOfItsPartitionWasRequested() {
        kafka.consumer.deferAsyncAnswers();
        kafka.consumer.failNextAsyncCommit(new RebalanceInProgressException());
        protocol.commit(offsets(P0, 7), Map.of(), false);
        protocol.commit(offsets(P0, 9), Map.of(), false);

        // 7 fails after 9 was asked for: asking for 7 again would move the group back.
        kafka.consumer.answerAsyncCommits();

        assertThat(protocol.settle()).isEqualTo(Map.of(P0, 9L));
        assertThat(kafka.events).containsExactly("commitAsync in-0=7", "commitAsync in-0=9");
    }

    @Test
    void theOffsetsOfAPartitionThatWentAwayAreNeverCommittedLater() {
        protocol.emit(P0, record("out", "a"));
        protocol.commit(Map.of(P0, new OffsetAndMetadata(7), P1, new OffsetAndMetadata(4)), Map.of(), false);

        protocol.discard(List.of(P0));
        kafka.producer.completeNext();

        assertThat(protocol.settle()).isEqualTo(Map.of(P1, 4L));
        assertThat(kafka.events).containsExactly("send out a", "commitAsync in-1=4");
    }

    @Test
    void aFailedCommitOfAPartitionThatWentAwayIsNotAskedAgain() {
        kafka.consumer.deferAsyncAnswers();
        kafka.consumer.failNextAsyncCommit(new RebalanceInProgressException());
        protocol.commit(offsets(P0, 7), Map.of(), false);
        protocol.settle();

        protocol.discard(List.of(P0));
        kafka.consumer.answerAsyncCommits();

        assertThat(protocol.settle()).isEmpty();
        assertThat(kafka.events).containsExactly("commitAsync in-0=7");
    }

    @Test
    void aRebalanceInProgressPostponesAClosingCommitAndTheNextOneCommitsItsOffsets() {
        protocol.emit(P0, record("out", "a"));
        kafka.consumer.failNextCommit(new RebalanceInProgressException());

        assertThat(protocol.commit(offsets(P0, 7), Map.of(), true)).isEqualTo(DeliveryProtocol.Outcome.POSTPONED);
        assertThat(protocol.commit(Map.of(), Map.of(), true)).isEqualTo(DeliveryProtocol.Outcome.COMMITTED);
        assertThat(kafka.events).containsOnlyOnce("commit in-0=7");
    }

    @Test
    void aGroupThatMovedOnMeansTheTasksMigrated() {
        kafka.consumer.failNextCommit(new CommitFailedException());

        assertThatThrownBy(() -> protocol.commit(offsets(P0, 7), Map.of(), true))
                .isInstanceOf(TaskMigratedException.class);
    }

    @Test
    void anAbortedAttemptCommitsNothingOfWhatItHadInFlight() {
        protocol.emit(P0, record("out", "a"));
        protocol.commit(offsets(P0, 7), Map.of(), false);

        protocol.abort();
        kafka.producer.completeNext();

        assertThat(protocol.settle()).isEmpty();
        assertThat(kafka.events).containsExactly("send out a");
    }
}
