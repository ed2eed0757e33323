package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;

/**
 * Drives one saga through {@link SagaStateMachine} on a manual clock, the way the coordinator will:
 * it keeps the latest state, every command sent and the last transition, and checks after each applied
 * event that history only grows and that an ignored event changed nothing.
 */
final class SagaHarness {

    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final String SAGA_ID = "saga-1";

    final ManualClock clock = new ManualClock(T0);
    final SagaStateMachine machine = new SagaStateMachine(clock);
    final List<SagaCommand> sent = new ArrayList<>();
    SagaInstance saga;
    Transition last;

    static SagaHarness start(SagaDefinition definition, Map<String, Object> input) {
        SagaHarness harness = new SagaHarness();
        harness.last = harness.machine.start(SAGA_ID, definition, input);
        harness.saga = harness.last.saga();
        harness.sent.addAll(harness.last.commands());
        return harness;
    }

    static SagaHarness start(SagaDefinition definition) {
        return start(definition, Map.of());
    }

    Transition apply(SagaEvent event) {
        SagaInstance before = saga;
        Transition transition = machine.apply(saga, event);
        if (transition.applied()) {
            assertThat(transition.saga().history()).as("history after %s", event)
                    .hasSizeGreaterThan(before.history().size())
                    .startsWith(before.history().toArray(new org.hyperiot.streaming.api.saga.SagaHistoryEntry[0]));
            assertThat(transition.saga().revision()).isEqualTo(before.revision() + 1);
        } else {
            assertThat(transition.saga()).as("state after ignored %s", event).isSameAs(before);
            assertThat(transition.commands()).isEmpty();
            assertThat(transition.timersToSet()).isEmpty();
            assertThat(transition.timersToCancel()).isEmpty();
        }
        last = transition;
        saga = transition.saga();
        sent.addAll(transition.commands());
        return transition;
    }

    /** Answers the latest command sent for the step (action or compensation, whichever came last). */
    Transition reply(String step, SagaReply reply) {
        return reply(latestCommand(step), reply);
    }

    Transition reply(SagaCommand command, SagaReply reply) {
        return apply(new SagaEvent.ReplyReceived(command.commandId(), command.attempt(), reply));
    }

    Transition succeed(String step) {
        return reply(step, SagaReply.success());
    }

    Transition succeed(String step, Map<String, Object> output) {
        return reply(step, SagaReply.success(output));
    }

    Transition failRetryably(String step) {
        return reply(step, SagaReply.retryableFailure("BUSY", "try later"));
    }

    Transition failForGood(String step) {
        return reply(step, SagaReply.finalFailure("REFUSED", "will never work"));
    }

    Transition fire(String timerId) {
        return apply(new SagaEvent.TimerFired(timerId));
    }

    /** Moves the clock to the earliest timer and fires it. */
    Transition fireNextTimer() {
        SagaTimer next = saga.timers().stream().min(Comparator.comparing(SagaTimer::due))
                .orElseThrow(() -> new AssertionError("no timer is set"));
        clock.set(next.due());
        return fire(next.id());
    }

    Transition cancel() {
        return apply(new SagaEvent.OperatorCancel());
    }

    Transition operatorRetry() {
        return apply(new SagaEvent.OperatorRetry());
    }

    Transition operatorSkip() {
        return apply(new SagaEvent.OperatorSkip());
    }

    void advance(Duration duration) {
        clock.advance(duration);
    }

    SagaCommand latestCommand(String step) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (sent.get(i).step().equals(step)) {
                return sent.get(i);
            }
        }
        throw new AssertionError("no command was sent for step " + step);
    }

    List<SagaCommand> commandsFor(String step) {
        return sent.stream().filter(command -> command.step().equals(step)).toList();
    }

    SagaState state() {
        return saga.state();
    }

    SagaStepState stepState(String step) {
        return saga.progress(step).state();
    }

    List<String> timerIds() {
        return saga.timers().stream().map(SagaTimer::id).toList();
    }

    Instant timerDue(String timerId) {
        return saga.timer(timerId).orElseThrow(() -> new AssertionError("timer " + timerId + " is not set")).due();
    }

    /** The steps and kinds of the last transition's commands, as "step:action" or "step:compensation!". */
    List<String> lastCommands() {
        return last.commands().stream()
                .map(command -> command.step() + ":" + command.action() + (command.compensation() ? "!" : ""))
                .toList();
    }
}
