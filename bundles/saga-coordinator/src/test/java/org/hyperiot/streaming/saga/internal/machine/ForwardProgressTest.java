package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMMAND_SENT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_COMPLETED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_COMPLETED;
import static org.hyperiot.streaming.saga.internal.machine.SagaHarness.SAGA_ID;
import static org.hyperiot.streaming.saga.internal.machine.SagaHarness.T0;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.junit.jupiter.api.Test;

class ForwardProgressTest {

    @Test
    void startSendsTheFirstStepAndSetsTheDeadlineAndTheAttemptTimeout() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of("orderId", 42, "amount", 9.5f));

        assertThat(h.state()).isEqualTo(SagaState.RUNNING);
        assertThat(h.last.commands()).containsExactly(new SagaCommand(SAGA_ID, "order", "reserve", "inventory",
                "reserve", false, 1, "saga-1/reserve/execute/reserve", Map.of("orderId", 42L, "amount", 9.5),
                T0.plusSeconds(10)));
        assertThat(h.saga.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(h.last.timersToSet()).extracting(SagaTimer::id, SagaTimer::due).containsExactly(
                tuple("deadline", T0.plus(Duration.ofMinutes(5))),
                tuple("timeout:reserve:1", T0.plusSeconds(10)));
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind).containsExactly(SAGA_STARTED, COMMAND_SENT);
        assertThat(h.saga.revision()).isEqualTo(1);
        assertThat(h.stepState("reserve")).isEqualTo(SagaStepState.RUNNING);
        assertThat(h.stepState("charge")).isEqualTo(SagaStepState.PENDING);
    }

    @Test
    void aParallelGroupIsSentTogetherAndTheNextStageWaitsForAllOfIt() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of("orderId", 42));
        h.advance(Duration.ofMillis(30));
        h.succeed("reserve", Map.of("reservation", "r-7"));

        assertThat(h.lastCommands()).containsExactly("charge:charge", "notify:confirm");
        assertThat(h.last.commands()).allSatisfy(command -> {
            assertThat(command.data()).isEqualTo(Map.of("orderId", 42L, "reservation", "r-7"));
            // Neither step has a timeout of its own: the saga's deadline bounds the attempt.
            assertThat(command.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        });
        assertThat(h.last.timersToCancel()).containsExactly("timeout:reserve:1");

        h.succeed("notify");
        assertThat(h.last.commands()).isEmpty();
        assertThat(h.stepState("notify")).isEqualTo(SagaStepState.COMPLETED);
        assertThat(h.stepState("charge")).isEqualTo(SagaStepState.RUNNING);

        h.succeed("charge", Map.of("payment", "p-1"));
        assertThat(h.lastCommands()).containsExactly("ship:ship");
        assertThat(h.latestCommand("ship").data()).isEqualTo(Map.of("orderId", 42L, "reservation", "r-7", "payment", "p-1"));
    }

    @Test
    void outputsOfAParallelGroupAreMergedInTheGroupsOrderWhateverOrderTheRepliesCameIn() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of("who", "input"));
        h.succeed("reserve", Map.of("who", "reserve"));
        h.succeed("notify", Map.of("who", "notify", "mail", "sent"));
        h.succeed("charge", Map.of("who", "charge", "paid", true));

        // notify comes after charge in the group, so its value wins although it answered first.
        assertThat(h.latestCommand("ship").data())
                .containsExactlyInAnyOrderEntriesOf(Map.of("who", "notify", "mail", "sent", "paid", true));
    }

    @Test
    void theLastStepCompletesTheSagaAndClearsEveryTimer() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of("orderId", 1));
        h.succeed("reserve");
        h.succeed("charge");
        h.succeed("notify");
        h.advance(Duration.ofSeconds(1));
        h.succeed("ship", Map.of("tracking", "t-9"));

        assertThat(h.state()).isEqualTo(SagaState.COMPLETED);
        assertThat(h.saga.timers()).isEmpty();
        assertThat(h.last.timersToCancel()).containsExactlyInAnyOrder("deadline", "timeout:ship:1");
        assertThat(h.last.commands()).isEmpty();
        assertThat(h.saga.data()).isEqualTo(Map.of("orderId", 1L, "tracking", "t-9"));
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind).endsWith(STEP_COMPLETED, SAGA_COMPLETED);
        assertThat(h.saga.updatedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(h.saga.error()).isNull();
    }

    @Test
    void infoShowsTheStepsTheirAttemptsAndTheHistory() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of());
        h.failRetryably("reserve");
        h.fireNextTimer();
        h.succeed("reserve");

        SagaInfo info = h.saga.info();
        assertThat(info.id()).isEqualTo(SAGA_ID);
        assertThat(info.definition()).isEqualTo("order");
        assertThat(info.state()).isEqualTo(SagaState.RUNNING);
        assertThat(info.steps()).extracting(s -> s.name() + "/" + s.participant() + "/" + s.state() + "/" + s.attempts())
                .containsExactly("reserve/inventory/COMPLETED/2", "charge/payments/RUNNING/1",
                        "notify/mailer/RUNNING/1", "ship/shipping/PENDING/0");
        assertThat(info.currentSteps()).extracting(s -> s.name()).containsExactly("charge", "notify");
        assertThat(info.steps().get(0).lastError()).isEqualTo("BUSY: try later");
        assertThat(info.history()).isEqualTo(h.saga.history());
        assertThat(info.createdAt()).isEqualTo(T0);
        assertThat(info.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void everyCommandOfAStepCarriesTheDataAsItWasWhenItsStageStarted() {
        SagaHarness h = SagaHarness.start(Sagas.order(), Map.of("n", 1));
        h.succeed("reserve", Map.of("n", 2));
        h.failRetryably("charge");
        h.succeed("notify", Map.of("n", 3));
        h.fireNextTimer();

        // The retry of charge is sent while notify's output is still held back for the end of the group.
        List<SagaCommand> charges = h.commandsFor("charge");
        assertThat(charges).extracting(SagaCommand::attempt).containsExactly(1, 2);
        assertThat(charges).extracting(SagaCommand::data).containsOnly(Map.of("n", 2L));
    }
}
