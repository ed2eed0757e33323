package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.junit.jupiter.api.Test;

/**
 * A coordinator that takes a saga over from the saga log continues it exactly as the first one
 * would have: the state machine keeps nothing between calls, and ids are derived, never drawn.
 */
class FailoverTest {

    @Test
    void aSecondStateMachineContinuingFromTheStoredStateSendsTheSameCommandIdsAndTimers() {
        SagaHarness original = SagaHarness.start(Sagas.order());
        original.failRetryably("reserve");
        SagaInstance stored = original.saga;

        ManualClock otherClock = new ManualClock(original.clock.instant().plusMillis(200));
        SagaStateMachine takeover = new SagaStateMachine(otherClock);
        Transition resumed = takeover.apply(stored, new SagaEvent.TimerFired("retry:reserve:2"));

        original.advance(Duration.ofMillis(200));
        Transition continued = original.fire("retry:reserve:2");

        assertThat(resumed).isEqualTo(continued);
        assertThat(resumed.commands()).extracting(SagaCommand::commandId).containsExactly("saga-1/reserve/execute/reserve");
    }

    @Test
    void theTimersOfAStoredSagaCarryTheirDueTimes() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.advance(Duration.ofSeconds(3));
        h.failRetryably("reserve");

        assertThat(h.saga.timers()).extracting(SagaTimer::id, SagaTimer::due).containsExactly(
                tuple("deadline", SagaHarness.T0.plus(Duration.ofMinutes(5))),
                tuple("retry:reserve:2", SagaHarness.T0.plusSeconds(3).plusMillis(200)));
    }

    @Test
    void commandIdsDependOnlyOnTheSagaTheStepAndTheAction() {
        SagaStep step = SagaStep.of("reserve", "inventory", "reserve").withCompensation("release");

        assertThat(CommandIds.action("s-1", step)).isEqualTo("s-1/reserve/execute/reserve");
        assertThat(CommandIds.compensation("s-1", step)).isEqualTo("s-1/reserve/compensate/release");
        assertThat(CommandIds.action("s-2", step)).isNotEqualTo(CommandIds.action("s-1", step));
        assertThatThrownBy(() -> CommandIds.compensation("s-1", SagaStep.of("notify", "mailer", "confirm")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void twoStartsOfTheSameSagaAtTheSameTimeAreEqual() {
        ManualClock clock = new ManualClock(SagaHarness.T0);
        Transition one = new SagaStateMachine(clock).start("s-9", Sagas.order(), Map.of("k", 1));
        Transition two = new SagaStateMachine(clock).start("s-9", Sagas.order(), Map.of("k", 1));

        assertThat(one).isEqualTo(two);
    }

    @Test
    void aSagaIdMayNotContainTheCommandIdSeparator() {
        assertThatThrownBy(() -> new SagaStateMachine(new ManualClock(SagaHarness.T0)).start("a/b", Sagas.order(), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataWithoutAJsonFormIsRefusedAtTheStart() {
        SagaStateMachine machine = new SagaStateMachine(new ManualClock(SagaHarness.T0));
        assertThatThrownBy(() -> machine.start("s", Sagas.order(), Map.of("when", new Object())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/when");
    }

    @Test
    void aReplyIsMatchedByCommandIdAndAttemptOnly() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        SagaCommand reserve = h.latestCommand("reserve");
        Transition reply = h.apply(new SagaEvent.ReplyReceived(reserve.commandId(), reserve.attempt(), SagaReply.success()));
        assertThat(reply.applied()).isTrue();
    }
}
