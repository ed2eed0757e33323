package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_SENT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_COMPENSATED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_ABANDONED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_COMPENSATED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_FAILED;

import java.time.Duration;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.junit.jupiter.api.Test;

class CompensationTest {

    @Test
    void aFailedStepCompensatesTheCompletedStepsInReverseOrderSkippingThoseWithoutCompensation() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of("orderId", 7));
        h.succeed("reserve", Map.of("reservation", "r-1"));
        h.succeed("charge", Map.of("payment", "p-1"));
        h.succeed("notify");
        h.failForGood("ship");

        assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(h.saga.error()).isEqualTo("step 'ship' failed: REFUSED: will never work");
        assertThat(h.stepState("ship")).isEqualTo(SagaStepState.FAILED);
        // ship failed and is not undone; notify has no compensation; charge is undone first.
        assertThat(h.lastCommands()).containsExactly("charge:refund!");
        SagaCommand refund = h.latestCommand("charge");
        assertThat(refund.commandId()).isEqualTo("saga-1/charge/compensate/refund");
        assertThat(refund.attempt()).isEqualTo(1);
        assertThat(refund.deadline()).as("no step timeout: the compensation waits as long as it takes").isNull();
        assertThat(refund.data()).isEqualTo(Map.of("orderId", 7L, "reservation", "r-1", "payment", "p-1"));
        // The failed attempt's own timeout goes with the deadline: neither can fire any more.
        assertThat(h.last.timersToCancel()).containsExactlyInAnyOrder("timeout:ship:1", "deadline");
        assertThat(h.saga.timers()).isEmpty();

        h.succeed("charge");
        assertThat(h.lastCommands()).containsExactly("reserve:release!");
        assertThat(h.latestCommand("reserve").deadline()).isEqualTo(h.clock.instant().plusSeconds(10));
        assertThat(h.timerIds()).containsExactly("compensation-timeout:reserve:1");

        h.succeed("reserve");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.saga.timers()).isEmpty();
        assertThat(h.saga.info().steps()).extracting(s -> s.name() + ":" + s.state()).containsExactly(
                "reserve:COMPENSATED", "charge:COMPENSATED", "notify:COMPLETED", "ship:FAILED");
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind).endsWith(STEP_COMPENSATED, SAGA_COMPENSATED);
    }

    @Test
    void aSagaWhoseCompletedStepsHaveNoCompensationIsCompensatedAtOnce() {
        SagaDefinition definition = SagaDefinition.builder("notify-then-ship")
                .step("notify", "mailer", "confirm")
                .step("ship", "shipping", "ship")
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.succeed("notify");
        h.failForGood("ship");

        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.last.commands()).isEmpty();
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind)
                .endsWith(STEP_FAILED, COMPENSATION_STARTED, SAGA_COMPENSATED);
    }

    @Test
    void aFinalFailureInAParallelGroupWaitsForTheSiblingUnderWayAndCompensatesItWhenItCompletes() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.NO_RETRY));
        h.succeed("first", Map.of("f", 1));
        h.failForGood("left");

        assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(h.last.commands()).as("right's reply is still on its way").isEmpty();
        assertThat(h.stepState("right")).isEqualTo(SagaStepState.RUNNING);
        assertThat(h.timerIds()).as("right's attempt keeps its timeout").containsExactly("timeout:right:1");

        h.succeed("right", Map.of("r", 2));
        assertThat(h.lastCommands()).containsExactly("right:undo-right!");
        assertThat(h.latestCommand("right").data()).isEqualTo(Map.of("f", 1L, "r", 2L));

        h.succeed("right");
        assertThat(h.lastCommands()).containsExactly("first:undo-first!");
        h.succeed("first");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.stepState("left")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.stepState("last")).isEqualTo(SagaStepState.PENDING);
    }

    @Test
    void aSiblingThatFailsWhileTheGroupIsCompensatingIsNotRetriedNorCompensated() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.EXAMPLE_RETRY));
        h.succeed("first");
        h.failForGood("left");
        h.failRetryably("right");

        assertThat(h.stepState("right")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.saga.history()).filteredOn(e -> e.step() != null && e.step().equals("right"))
                .extracting(SagaHistoryEntry::kind).contains(STEP_ABANDONED);
        assertThat(h.lastCommands()).containsExactly("first:undo-first!");
    }

    @Test
    void aSiblingWaitingToRetryHasItsRetryCalledOffAndCompensationStartsAtOnce() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.EXAMPLE_RETRY));
        h.succeed("first");
        h.failRetryably("right");
        assertThat(h.timerIds()).contains("retry:right:2");

        h.failForGood("left");
        assertThat(h.stepState("right")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.timerIds()).doesNotContain("retry:right:2");
        assertThat(h.last.timersToCancel()).contains("retry:right:2", "deadline");
        assertThat(h.lastCommands()).containsExactly("first:undo-first!");
    }

    @Test
    void theCompletedStepsOfAParallelGroupAreCompensatedTogether() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.NO_RETRY));
        h.succeed("first");
        h.succeed("left");
        h.succeed("right");
        h.failForGood("last");

        assertThat(h.lastCommands()).containsExactly("left:undo-left!", "right:undo-right!");
        h.succeed("right");
        assertThat(h.last.commands()).as("first waits for the whole group").isEmpty();
        h.succeed("left");
        assertThat(h.lastCommands()).containsExactly("first:undo-first!");
    }

    @Test
    void compensationsAreRetriedWithTheStepsPolicyUnderTheSameCommandId() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failForGood("charge");
        h.succeed("notify");
        assertThat(h.lastCommands()).containsExactly("reserve:release!");

        h.advance(Duration.ofMillis(50));
        h.failRetryably("reserve");
        assertThat(h.stepState("reserve")).isEqualTo(SagaStepState.WAITING_TO_RETRY_COMPENSATION);
        assertThat(h.timerDue("compensation-retry:reserve:2")).isEqualTo(h.clock.instant().plusMillis(200));

        h.fireNextTimer();
        assertThat(h.commandsFor("reserve")).filteredOn(SagaCommand::compensation)
                .extracting(SagaCommand::commandId, SagaCommand::attempt)
                .containsExactly(tuple("saga-1/reserve/compensate/release", 1),
                        tuple("saga-1/reserve/compensate/release", 2));
        h.succeed("reserve");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void aCompensationTimeoutCountsAsARetryableFailure() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failForGood("charge");
        h.succeed("notify");

        h.fireNextTimer();
        assertThat(h.stepState("reserve")).isEqualTo(SagaStepState.WAITING_TO_RETRY_COMPENSATION);
        assertThat(h.saga.progress("reserve").lastError()).isEqualTo("TIMEOUT: no reply within 10s");
        h.fireNextTimer();
        assertThat(h.latestCommand("reserve").attempt()).isEqualTo(2);
        assertThat(h.latestCommand("reserve").compensation()).isTrue();
    }

    @Test
    void aCompensationThatFailsForGoodLeavesTheSagaFailedToCompensateAndTheEarlierStagesAlone() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.NO_RETRY));
        h.succeed("first");
        h.succeed("left");
        h.succeed("right");
        h.failForGood("last");
        h.reply("left", SagaReply.finalFailure("LEDGER_CLOSED", "the ledger is closed"));

        assertThat(h.state()).as("right's compensation is still under way").isEqualTo(SagaState.COMPENSATING);
        h.succeed("right");

        assertThat(h.state()).isEqualTo(SagaState.FAILED_TO_COMPENSATE);
        assertThat(h.saga.error()).isEqualTo("compensation failed for good for 'left': LEDGER_CLOSED: the ledger is closed");
        assertThat(h.stepState("left")).isEqualTo(SagaStepState.COMPENSATION_FAILED);
        assertThat(h.stepState("first")).isEqualTo(SagaStepState.COMPLETED);
        assertThat(h.last.commands()).isEmpty();
        assertThat(h.saga.timers()).isEmpty();
        assertThat(h.saga.info().currentSteps()).extracting(s -> s.name()).containsExactly("left");
    }

    @Test
    void anOperatorRetryResumesTheFailedCompensationWithFreshAttemptsAndFinishesCompensating() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.failForGood("charge");
        h.succeed("notify");
        for (int attempt = 1; attempt < 5; attempt++) {
            h.failRetryably("reserve");
            h.fireNextTimer();
        }
        h.failRetryably("reserve");
        assertThat(h.state()).isEqualTo(SagaState.FAILED_TO_COMPENSATE);
        assertThat(h.saga.progress("reserve").lastError())
                .isEqualTo("gave up after 5 attempts; the last one: BUSY: try later");

        h.advance(Duration.ofHours(2));
        h.operatorRetry();
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(h.lastCommands()).containsExactly("reserve:release!");
        SagaCommand resumed = h.latestCommand("reserve");
        assertThat(resumed.attempt()).as("attempt numbers go on, so old replies stay stale").isEqualTo(6);
        assertThat(resumed.commandId()).isEqualTo("saga-1/reserve/compensate/release");

        // The fresh round has the full budget of 5 attempts again.
        for (int attempt = 1; attempt < 5; attempt++) {
            h.failRetryably("reserve");
            assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
            h.fireNextTimer();
        }
        h.succeed("reserve");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.saga.progress("reserve").compensationAttempts()).isEqualTo(10);
    }

    @Test
    void anOperatorSkipLeavesTheStepAsItIsAndGoesOnWithTheStagesBefore() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.NO_RETRY));
        h.succeed("first");
        h.succeed("left");
        h.succeed("right");
        h.failForGood("last");
        h.failForGood("left");
        h.failForGood("right");
        assertThat(h.state()).isEqualTo(SagaState.FAILED_TO_COMPENSATE);

        h.operatorSkip();
        assertThat(h.stepState("left")).isEqualTo(SagaStepState.COMPENSATION_SKIPPED);
        assertThat(h.stepState("right")).isEqualTo(SagaStepState.COMPENSATION_SKIPPED);
        assertThat(h.lastCommands()).containsExactly("first:undo-first!");
        h.succeed("first");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void aNonRetryableCodeEndsACompensationAtOnce() {
        SagaDefinition definition = SagaDefinition.builder("one")
                .step(SagaStep.of("hold", "bank", "hold").withCompensation("unhold")
                        .withRetry(Sagas.EXAMPLE_RETRY.withNonRetryableCodes("ACCOUNT_CLOSED")))
                .step("fail", "bank", "explode")
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.succeed("hold");
        h.reply("fail", SagaReply.finalFailure("BOOM", "no"));
        h.reply("hold", SagaReply.retryableFailure("ACCOUNT_CLOSED", "closed"));

        assertThat(h.state()).isEqualTo(SagaState.FAILED_TO_COMPENSATE);
        assertThat(h.saga.progress("hold").lastError()).isEqualTo("ACCOUNT_CLOSED: closed (code ACCOUNT_CLOSED is not retried)");
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind).contains(COMPENSATION_SENT);
    }
}
