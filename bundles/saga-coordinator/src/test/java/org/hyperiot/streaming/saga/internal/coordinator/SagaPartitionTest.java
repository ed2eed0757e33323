package org.hyperiot.streaming.saga.internal.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.saga.internal.machine.ManualClock;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.junit.jupiter.api.Test;

class SagaPartitionTest {

    private static final Duration RETENTION = Duration.ofDays(7);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final SagaPartition partition = new SagaPartition(new SagaStateMachine(clock), RETENTION);

    private static final SagaDefinition TWO_STEPS = SagaDefinition.builder("two")
            .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release")
                    .withTimeout(Duration.ofSeconds(5)).withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1)))
            .step("charge", "payments", "charge", "refund")
            .build();

    @Test
    void aStartIsStagedWithItsFirstCommandAndKeptOnceCommitted() {
        SagaPartition.Outcome outcome = partition.handle("s1", start("r1"));

        assertThat(outcome.applied()).isTrue();
        assertThat(outcome.transition().commands()).extracting(SagaCommand::step).containsExactly("reserve");
        assertThat(outcome.addedHistory()).extracting(SagaHistoryEntry::kind)
                .contains(SagaHistoryEntry.Kind.SAGA_STARTED, SagaHistoryEntry.Kind.COMMAND_SENT);
        assertThat(partition.hasStagedChanges()).isTrue();
        partition.commit();
        assertThat(partition.hasStagedChanges()).isFalse();
        assertThat(partition.current("s1").startRequestId()).isEqualTo("r1");
        assertThat(partition.liveSagas()).isEqualTo(1);
    }

    @Test
    void aSecondStartOfTheSameSagaChangesNothingWhetherStagedCommittedOrSettled() {
        partition.handle("s1", start("r1"));
        assertThat(partition.handle("s1", start("r2")).applied()).isFalse();
        partition.commit();
        assertThat(partition.handle("s1", start("r3")).applied()).isFalse();

        completeBothSteps("s1");
        partition.commit();
        assertThat(partition.current("s1")).isNull();
        SagaPartition.Outcome repeated = partition.handle("s1", start("r4"));
        assertThat(repeated.applied()).isFalse();
        assertThat(repeated.ignoredReason()).contains("exists");
    }

    @Test
    void anAbortForgetsTheStagedChangesAndTheirTimers() {
        partition.handle("s1", start("r1"));
        assertThat(partition.nextDue()).isPresent();

        partition.abort();

        assertThat(partition.current("s1")).isNull();
        assertThat(partition.nextDue()).isEmpty();
        assertThat(partition.handle("s1", start("r2")).applied()).as("the aborted start never happened").isTrue();
    }

    @Test
    void anAbortAfterACommitGoesBackToTheCommittedStateAndItsTimers() {
        partition.handle("s1", start("r1"));
        partition.commit();
        Instant attemptTimeout = partition.nextDue().orElseThrow();
        SagaPartition.Outcome reply = partition.handle("s1", reply("s1", "reserve", 1, SagaReply.success()));
        assertThat(reply.applied()).isTrue();

        partition.abort();

        assertThat(partition.current("s1").saga().progress("reserve").state().name()).isEqualTo("RUNNING");
        assertThat(partition.nextDue()).contains(attemptTimeout);
    }

    @Test
    void restoredSagasArmTheirTimersWhichFireWhenDue() {
        SagaPartition first = new SagaPartition(new SagaStateMachine(clock), RETENTION);
        SagaLogRecord started = first.handle("s1", start("r1")).record();
        partition.restore("s1", started);

        assertThat(partition.fireDueTimers(clock.instant(), 10)).isEmpty();
        clock.advance(Duration.ofSeconds(6));
        List<SagaPartition.Outcome> fired = partition.fireDueTimers(clock.instant(), 10);

        assertThat(fired).hasSize(1);
        assertThat(fired.get(0).addedHistory()).extracting(SagaHistoryEntry::kind)
                .contains(SagaHistoryEntry.Kind.ATTEMPT_TIMED_OUT);
        assertThat(fired.get(0).record().saga().state()).isIn(SagaState.COMPENSATING, SagaState.COMPENSATED);
    }

    @Test
    void aTombstoneInTheLogRemovesTheSaga() {
        SagaLogRecord started = new SagaPartition(new SagaStateMachine(clock), RETENTION).handle("s1", start("r1")).record();
        partition.restore("s1", started);
        partition.restore("s1", null);

        assertThat(partition.current("s1")).isNull();
        assertThat(partition.nextDue()).isEmpty();
    }

    @Test
    void aSagaSettledForTheRetentionIsRemovedAndItsIdThenNamesANewSaga() {
        partition.handle("s1", start("r1"));
        partition.commit();
        completeBothSteps("s1");
        partition.commit();
        Instant settledAt = clock.instant();
        assertThat(partition.nextDue()).contains(settledAt.plus(RETENTION));

        assertThat(partition.expireSettled(settledAt.plus(RETENTION).minusMillis(1), 10)).isEmpty();
        assertThat(partition.expireSettled(settledAt.plus(RETENTION), 10)).containsExactly("s1");
        assertThat(partition.expireSettled(settledAt.plus(RETENTION), 10)).as("staged once").isEmpty();
        assertThat(partition.hasStagedChanges()).isTrue();
        assertThat(partition.handle("s1", start("r2")).applied()).as("not removed before the commit").isFalse();

        partition.commit();

        assertThat(partition.nextDue()).isEmpty();
        assertThat(partition.handle("s1", start("r3")).applied()).isTrue();
    }

    @Test
    void aRemovalInAnAbortedTransactionDidNotHappen() {
        partition.handle("s1", start("r1"));
        partition.commit();
        completeBothSteps("s1");
        partition.commit();
        Instant due = clock.instant().plus(RETENTION);
        assertThat(partition.expireSettled(due, 10)).containsExactly("s1");

        partition.abort();

        assertThat(partition.handle("s1", start("r2")).applied()).isFalse();
        assertThat(partition.expireSettled(due, 10)).containsExactly("s1");
    }

    @Test
    void eventsForUnknownOrSettledSagasAndOperatorRequestsInTheWrongStateAreIgnored() {
        assertThat(partition.handle("nobody", reply("nobody", "reserve", 1, SagaReply.success())).ignoredReason())
                .contains("no saga");
        partition.handle("s1", start("r1"));
        partition.commit();
        SagaPartition.Outcome retry = partition.handle("s1", new CoordinatorEvent.Operator(CoordinatorEvent.Verb.RETRY, "o1"));
        assertThat(retry.applied()).isFalse();
        assertThat(retry.ignoredReason()).contains("RUNNING");

        completeBothSteps("s1");
        partition.commit();
        assertThat(partition.handle("s1", reply("s1", "charge", 1, SagaReply.success())).ignoredReason())
                .contains("settled");
    }

    @Test
    void aLimitBoundsHowManyTimersFireInOnePass() {
        for (int i = 0; i < 5; i++) {
            partition.handle("s" + i, start("r" + i));
        }
        partition.commit();
        clock.advance(Duration.ofSeconds(6));

        assertThat(partition.fireDueTimers(clock.instant(), 2)).hasSize(2);
        assertThat(partition.fireDueTimers(clock.instant(), 10)).hasSize(3);
    }

    private void completeBothSteps(String sagaId) {
        assertThat(partition.handle(sagaId, reply(sagaId, "reserve", 1, SagaReply.success())).applied()).isTrue();
        assertThat(partition.handle(sagaId, reply(sagaId, "charge", 1, SagaReply.success())).applied()).isTrue();
        assertThat(partition.current(sagaId)).isNull();
    }

    private static CoordinatorEvent.Start start(String requestId) {
        return new CoordinatorEvent.Start(requestId, TWO_STEPS, Map.of("order", 1L));
    }

    private static CoordinatorEvent.Reply reply(String sagaId, String step, int attempt, SagaReply reply) {
        return new CoordinatorEvent.Reply(org.hyperiot.streaming.saga.internal.machine.CommandIds.action(sagaId,
                TWO_STEPS.step(step).orElseThrow()), attempt, reply);
    }
}
