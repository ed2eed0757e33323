package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.kafka.support.HangingTransactions.Verdict;
import org.junit.jupiter.api.Test;

class HangingTransactionsTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("hyperiot-stream-s-changelog", 0);
    private static final TopicPartition OTHER = new TopicPartition("out", 0);

    private final HangingTransactions watch = new HangingTransactions(30_000);

    @Test
    void aTransactionBecomesASuspectOnlyAfterBeingSeenOpenForLongerThanThePatience() {
        ProducerState stuck = open(7, 779, 3);

        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(stuck)), Set.of(CHANGELOG), 0)).isEmpty();
        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(stuck)), Set.of(CHANGELOG), 30_000)).isEmpty();
        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(stuck)), Set.of(CHANGELOG), 30_001))
                .containsEntry(CHANGELOG, List.of(stuck));
    }

    @Test
    void aProducerThatMovedOnToANewTransactionStartsAfresh() {
        watch.suspects(Map.of(CHANGELOG, List.of(open(7, 100, 3))), Set.of(CHANGELOG), 0);

        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(open(7, 180, 3))), Set.of(CHANGELOG), 25_000)).isEmpty();
        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(open(7, 180, 3))), Set.of(CHANGELOG), 50_000)).isEmpty();
        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(open(7, 180, 3))), Set.of(CHANGELOG), 55_001)).hasSize(1);
    }

    @Test
    void aTransactionSeenClosedIsForgottenButOnlyOnAPartitionThatWasDescribed() {
        watch.suspects(Map.of(CHANGELOG, List.of(open(7, 100, 3))), Set.of(CHANGELOG), 0);
        // Another partition described: the changelog's sighting stays.
        watch.suspects(Map.of(), Set.of(OTHER), 10_000);
        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(open(7, 100, 3))), Set.of(CHANGELOG), 30_001)).hasSize(1);

        watch.suspects(Map.of(), Set.of(CHANGELOG), 31_000);
        assertThat(watch.suspects(Map.of(CHANGELOG, List.of(open(7, 100, 3))), Set.of(CHANGELOG), 40_000)).isEmpty();
    }

    @Test
    void aTransactionItsCoordinatorStillRunsOverThePartitionIsNotHangingHoweverOld() {
        ProducerState producer = open(7, 100, 3);

        assertThat(watch.judge(CHANGELOG, producer,
                Optional.of(described(7, 3, TransactionState.ONGOING, CHANGELOG)))).isEqualTo(Verdict.RUNNING);
    }

    @Test
    void markersBeingWrittenAreWaitedFor() {
        // Under transactions v2 the coordinator bumps the epoch when the transaction ends.
        assertThat(watch.judge(CHANGELOG, open(7, 100, 3),
                Optional.of(described(7, 4, TransactionState.PREPARE_COMMIT, CHANGELOG)))).isEqualTo(Verdict.RUNNING);
        assertThat(watch.judge(CHANGELOG, open(7, 100, 3),
                Optional.of(described(7, 4, TransactionState.PREPARE_ABORT, CHANGELOG)))).isEqualTo(Verdict.RUNNING);
    }

    @Test
    void aTransactionItsCoordinatorForgotOrCompletedWithoutThisPartitionIsHanging() {
        ProducerState producer = open(7, 100, 3);

        assertThat(watch.judge(CHANGELOG, producer, Optional.empty())).isEqualTo(Verdict.HANGING);
        assertThat(watch.judge(CHANGELOG, producer,
                Optional.of(described(7, 3, TransactionState.COMPLETE_ABORT, CHANGELOG)))).isEqualTo(Verdict.HANGING);
        assertThat(watch.judge(CHANGELOG, producer,
                Optional.of(described(7, 3, TransactionState.ONGOING, OTHER)))).isEqualTo(Verdict.HANGING);
        assertThat(watch.judge(CHANGELOG, producer,
                Optional.of(described(7, 5, TransactionState.ONGOING, CHANGELOG)))).isEqualTo(Verdict.HANGING);
    }

    @Test
    void aTransactionItsCoordinatorCommittedIsNotAbortedThoughThePartitionMissedTheMarker() {
        // Transactions v2: the commit of the transaction written at epoch 3 leaves the coordinator at 4.
        assertThat(watch.judge(CHANGELOG, open(7, 100, 3),
                Optional.of(described(7, 4, TransactionState.COMPLETE_COMMIT, CHANGELOG))))
                .isEqualTo(Verdict.COMMITTED_WITHOUT_MARKER);
        // A commit two epochs on is a later transaction's: this one's outcome is no longer known.
        assertThat(watch.judge(CHANGELOG, open(7, 100, 3),
                Optional.of(described(7, 5, TransactionState.COMPLETE_COMMIT, CHANGELOG))))
                .isEqualTo(Verdict.HANGING);
        assertThat(watch.judge(CHANGELOG, open(7, 100, 3),
                Optional.of(described(7, 4, TransactionState.COMPLETE_ABORT, CHANGELOG))))
                .isEqualTo(Verdict.HANGING);
    }

    private static ProducerState open(long producerId, long startOffset, int epoch) {
        return new ProducerState(producerId, epoch, 12, 0L, OptionalInt.of(1), OptionalLong.of(startOffset));
    }

    private static TransactionDescription described(long producerId, int epoch, TransactionState state,
            TopicPartition partition) {
        return new TransactionDescription(1, state, producerId, epoch, 10_000, OptionalLong.of(0), Set.of(partition));
    }
}
