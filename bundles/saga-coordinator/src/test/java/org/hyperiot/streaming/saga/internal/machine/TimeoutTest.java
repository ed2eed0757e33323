package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.ATTEMPT_TIMED_OUT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.DEADLINE_REACHED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_ABANDONED;
import static org.hyperiot.streaming.saga.internal.machine.SagaHarness.T0;

import java.time.Duration;
import java.util.Map;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.junit.jupiter.api.Test;

class TimeoutTest {

    @Test
    void aStepTimeoutCountsAsARetryableFailureOfThatAttempt() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.fireNextTimer();

        assertThat(h.clock.instant()).isEqualTo(T0.plusSeconds(10));
        assertThat(h.stepState("reserve")).isEqualTo(SagaStepState.WAITING_TO_RETRY);
        assertThat(h.saga.progress("reserve").lastError()).isEqualTo("TIMEOUT: no reply within 10s");
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind).contains(ATTEMPT_TIMED_OUT);
        assertThat(h.timerDue("retry:reserve:2")).isEqualTo(T0.plusSeconds(10).plusMillis(200));

        h.fireNextTimer();
        SagaCommand second = h.latestCommand("reserve");
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.deadline()).isEqualTo(h.clock.instant().plusSeconds(10));
        assertThat(h.timerIds()).containsExactly("deadline", "timeout:reserve:2");
    }

    @Test
    void listingTheTimeoutCodeAsNonRetryableEndsTheStepAtItsFirstTimeout() {
        SagaDefinition definition = SagaDefinition.builder("strict")
                .step(SagaStep.of("call", "remote", "call").withTimeout(Duration.ofSeconds(2))
                        .withRetry(Sagas.EXAMPLE_RETRY.withNonRetryableCodes(RetryPolicy.TIMEOUT_CODE)))
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.fireNextTimer();

        assertThat(h.stepState("call")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void aReplyToAnAttemptThatTimedOutIsIgnoredBeforeAndAfterTheRetryIsSent() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        SagaCommand first = h.latestCommand("reserve");
        h.fireNextTimer();

        Transition whileWaiting = h.reply(first, SagaReply.success(Map.of("late", true)));
        assertThat(whileWaiting.applied()).isFalse();
        assertThat(whileWaiting.ignoredReason()).contains("WAITING_TO_RETRY");

        h.fireNextTimer();
        Transition afterRetry = h.reply(first, SagaReply.success(Map.of("late", true)));
        assertThat(afterRetry.applied()).isFalse();

        h.succeed("reserve", Map.of("late", false));
        assertThat(h.stepState("reserve")).isEqualTo(SagaStepState.COMPLETED);
        assertThat(h.latestCommand("charge").data()).isEqualTo(Map.of("late", false));
    }

    @Test
    void anAttemptNeverOutlivesTheSagaDeadline() {
        SagaDefinition definition = SagaDefinition.builder("short")
                .timeout(Duration.ofSeconds(5))
                .step(SagaStep.of("slow", "remote", "work").withTimeout(Duration.ofSeconds(10)))
                .build();
        SagaHarness h = SagaHarness.start(definition);

        assertThat(h.latestCommand("slow").deadline()).isEqualTo(T0.plusSeconds(5));
        assertThat(h.timerDue("timeout:slow:1")).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void theDeadlineDuringAStepGivesItUpAndCompensatesWhatCompleted() {
        SagaHarness h = SagaHarness.start(Sagas.order());
        h.succeed("reserve");
        h.succeed("charge");
        h.succeed("notify");
        h.clock.set(T0.plus(Duration.ofMinutes(5)));
        h.fire("deadline");

        assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(h.saga.error()).isEqualTo("the saga deadline passed (timeout 5m)");
        assertThat(h.saga.history()).extracting(SagaHistoryEntry::kind)
                .containsSubsequence(DEADLINE_REACHED, STEP_ABANDONED, COMPENSATION_STARTED);
        // ship was given up without a reply: it may have shipped, so it is cancelled first.
        assertThat(h.saga.progress("ship").unanswered()).isTrue();
        assertThat(h.lastCommands()).containsExactly("ship:cancel-shipment!");
        assertThat(h.last.timersToCancel()).containsExactly("timeout:ship:1");

        // ship's attempt timer was due at the deadline too; it is gone, so firing it changes nothing.
        assertThat(h.fire("timeout:ship:1").applied()).isFalse();
        h.succeed("ship");
        assertThat(h.lastCommands()).containsExactly("charge:refund!");
        h.succeed("charge");
        h.succeed("reserve");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void theDeadlineDuringAParallelGroupCompensatesTheSiblingThatCompletedAndTheStagesBefore() {
        SagaHarness h = SagaHarness.start(Sagas.diamond(Sagas.EXAMPLE_RETRY));
        h.succeed("first");
        h.succeed("right");
        h.failRetryably("left");
        h.clock.set(T0.plus(Duration.ofMinutes(1)));
        h.fire("deadline");

        assertThat(h.stepState("left")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.saga.timers()).extracting(SagaTimer::id).noneMatch(id -> id.startsWith("retry:"));
        assertThat(h.lastCommands()).containsExactly("right:undo-right!");
        h.succeed("right");
        assertThat(h.lastCommands()).containsExactly("first:undo-first!");
    }

    @Test
    void theAttemptTimerDueAtTheDeadlineAlsoLeadsToCompensationWhicheverFiresFirst() {
        SagaDefinition definition = SagaDefinition.builder("short")
                .timeout(Duration.ofSeconds(30))
                .step("a", "p", "do-a", "undo-a")
                .step("b", "p", "do-b", "undo-b")
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.succeed("a");
        h.clock.set(T0.plusSeconds(30));
        h.fire("timeout:b:1");

        assertThat(h.state()).isEqualTo(SagaState.COMPENSATING);
        assertThat(h.saga.progress("b").unanswered()).isTrue();
        assertThat(h.saga.timers()).extracting(SagaTimer::id).doesNotContain("deadline", "retry:b:2");
        // b got no reply, so it may have been applied: it is compensated before a.
        assertThat(h.lastCommands()).containsExactly("b:undo-b!");
        assertThat(h.fire("deadline").applied()).isFalse();
        h.succeed("b");
        assertThat(h.lastCommands()).containsExactly("a:undo-a!");
        h.succeed("a");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void aStepWhoseLastAttemptTimedOutIsCompensatedWhenItFailsForGood() {
        SagaDefinition definition = SagaDefinition.builder("once")
                .step(SagaStep.of("a", "p", "do-a").withCompensation("undo-a"))
                .step(SagaStep.of("b", "p", "do-b").withCompensation("undo-b").withTimeout(Duration.ofSeconds(5))
                        .withRetry(RetryPolicy.DEFAULT.withMaxAttempts(1)))
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.succeed("a");
        h.fireNextTimer();

        assertThat(h.stepState("b")).isEqualTo(SagaStepState.COMPENSATING);
        assertThat(h.lastCommands()).containsExactly("b:undo-b!");
        // Its late reply, the participant having applied it after all, changes nothing: it is undone anyway.
        assertThat(h.reply(h.commandsFor("b").get(0), SagaReply.success()).applied()).isFalse();
        h.succeed("b");
        h.succeed("a");
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
    }

    @Test
    void aStepThatTimedOutOnceThenFailedWithAnAnswerIsNotCompensated() {
        SagaDefinition definition = SagaDefinition.builder("twice")
                .step(SagaStep.of("a", "p", "do-a").withCompensation("undo-a"))
                .step(SagaStep.of("b", "p", "do-b").withCompensation("undo-b").withTimeout(Duration.ofSeconds(5))
                        .withRetry(Sagas.EXAMPLE_RETRY))
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.succeed("a");
        h.fireNextTimer();
        assertThat(h.saga.progress("b").unanswered()).isTrue();
        h.fireNextTimer();
        assertThat(h.saga.progress("b").unanswered()).as("a new attempt is sent").isFalse();
        // The same command id answered for good: the participant did not apply it, in either attempt.
        h.failForGood("b");

        assertThat(h.stepState("b")).isEqualTo(SagaStepState.FAILED);
        assertThat(h.lastCommands()).containsExactly("a:undo-a!");
    }

    @Test
    void aSuccessThatArrivesAfterTheDeadlineButBeforeItsTimerCountsAndIsCompensated() {
        SagaDefinition definition = SagaDefinition.builder("short")
                .timeout(Duration.ofSeconds(30))
                .step("a", "p", "do-a", "undo-a")
                .step("b", "p", "do-b", "undo-b")
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.clock.set(T0.plusSeconds(31));
        h.succeed("a");

        assertThat(h.stepState("a")).isEqualTo(SagaStepState.COMPENSATING);
        assertThat(h.commandsFor("b")).as("no new step starts after the deadline").isEmpty();
        assertThat(h.saga.error()).isEqualTo("the saga deadline passed (timeout 30s)");
    }

    @Test
    void theDeadlineCallsOffAPendingRetry() {
        SagaDefinition definition = SagaDefinition.builder("short")
                .timeout(Duration.ofSeconds(3))
                .step(SagaStep.of("a", "p", "do-a").withRetry(
                        RetryPolicy.exponential(Duration.ofSeconds(10), 2, Duration.ofSeconds(10), 3)))
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.failRetryably("a");
        assertThat(h.timerDue("retry:a:2")).isAfter(h.saga.deadline());

        h.fireNextTimer();
        assertThat(h.clock.instant()).isEqualTo(T0.plusSeconds(3));
        assertThat(h.state()).isEqualTo(SagaState.COMPENSATED);
        assertThat(h.saga.timers()).isEmpty();
        assertThat(h.commandsFor("a")).hasSize(1);
    }

    @Test
    void aCompensationWithoutStepTimeoutSetsNoTimer() {
        SagaDefinition definition = SagaDefinition.builder("two")
                .step("a", "p", "do-a", "undo-a")
                .step("b", "p", "do-b")
                .build();
        SagaHarness h = SagaHarness.start(definition);
        h.succeed("a");
        h.failForGood("b");

        assertThat(h.stepState("a")).isEqualTo(SagaStepState.COMPENSATING);
        assertThat(h.saga.timers()).isEmpty();
        assertThat(h.latestCommand("a").deadline()).isNull();
    }
}
