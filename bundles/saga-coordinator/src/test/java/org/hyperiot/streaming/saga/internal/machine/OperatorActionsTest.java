package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.CANCEL_REQUESTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_SKIPPED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.OPERATOR_RETRY;

import java.util.function.Consumer;

import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.junit.jupiter.api.Test;

class OperatorActionsTest {

    @Test
    void cancellingARunningSagaWaitsForTheAttemptUnderWayThenCompensatesEverythingThatCompleted() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.succeed("notify");
        h.cancel();

        assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(h.saga.error()).isEqualTo("cancelled by an operator");
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind).endsWith(CANCEL_REQUESTED, COMPENSATION_STARTED);
        assertThat(h.last.commands()).as("charge may still complete").isEmpty();
        assertThat(h.last.timersToCancel()).containsExactly("deadline");

        h.succeed("charge");
        assertThat(h.lastCommands()).containsExactly("charge:refund!");
        h.succeed("charge");
        assertThat(h.lastCommands()).containsExactly("reserve:release!");
        h.succeed("reserve");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.commandsFor("ship")).isEmpty();
    }

    @Test
    void anAttemptUnderWayThatFailsAfterACancelIsNotCompensated() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.succeed("notify");
        h.cancel();
        h.failRetryably("charge");

        assertThat(h.stepState("charge")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.lastCommands()).containsExactly("reserve:release!");
    }

    @Test
    void cancellingASagaWithNothingUnderWayCompensatesAtOnce() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failRetryably("charge");
        h.failRetryably("notify");
        h.cancel();

        assertThat(h.stepState("charge")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.stepState("notify")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.lastCommands()).containsExactly("reserve:release!");
        assertThat(h.saga.timers()).extracting(SagaTimer::id).containsExactly("compensation-timeout:reserve:1");
    }

    @Test
    void cancelIsRefusedUnlessTheSagaIsRunning() {
        assertRefused(compensating(), SagaHarness::cancel, "cancel", SagaState.COMPENSATING);
        assertRefused(completed(), SagaHarness::cancel, "cancel", SagaState.COMPLETED);
        assertRefused(compensated(), SagaHarness::cancel, "cancel", SagaState.COMPENSATED);
        assertRefused(failedToCompensate(), SagaHarness::cancel, "cancel", SagaState.FAILED_TO_COMPENSATE);
    }

    @Test
    void retryAndSkipAreRefusedUnlessTheSagaFailedToCompensate() {
        for (SagaHarness h : new SagaHarness[] {running(), compensating(), completed(), compensated()}) {
            assertRefused(h, SagaHarness::operatorRetry, "retry", h.state());
            assertRefused(h, SagaHarness::operatorSkip, "skip", h.state());
        }
    }

    @Test
    void retryAndSkipAreRecordedInTheHistory() {
        SagaHarness retried = failedToCompensate();
        retried.operatorRetry();
        assertThat(retried.saga.history().get(retried.saga.history().size() - 2))
                .extracting(SagaHistoryEntry::kind, SagaHistoryEntry::detail)
                .containsExactly(OPERATOR_RETRY, "retrying the compensation of 'reserve'");

        SagaHarness skipped = failedToCompensate();
        skipped.operatorSkip();
        assertThat(skipped.saga.history()).extracting(SagaHistoryEntry::kind).contains(COMPENSATION_SKIPPED);
        assertThat(skipped.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(skipped.stepState("reserve")).isEqualTo(SagaStepState.COMPENSATION_SKIPPED);
    }

    private static void assertRefused(SagaHarness h, Consumer<SagaHarness> request, String name, SagaState state) {
        SagaInstance before = h.saga;
        assertThatThrownBy(() -> request.accept(h))
                .isInstanceOfSatisfying(IllegalSagaStateException.class, e -> {
                    assertThat(e.sagaId()).isEqualTo(SagaHarness.SAGA_ID);
                    assertThat(e.state()).isEqualTo(state);
                    assertThat(e.request()).isEqualTo(name);
                })
                .hasMessageStartingWith("cannot " + name + " saga 'saga-1' in state " + state);
        assertThat(h.saga).isSameAs(before);
    }

    private static SagaHarness running() {
        return SagaHarness.start(Sagas.order());
    }

    private static SagaHarness compensating() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failForGood("charge");
        return h;
    }

    private static SagaHarness completed() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.succeed("charge");
        h.succeed("notify");
        h.succeed("ship");
        return h;
    }

    private static SagaHarness compensated() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.failForGood("reserve");
        return h;
    }

    private static SagaHarness failedToCompensate() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failForGood("charge");
        h.succeed("notify");
        h.failForGood("reserve");
        assertThat(h.state()).isEqualTo(SagaState.FAILED_TO_COMPENSATE);
        return h;
    }
}
