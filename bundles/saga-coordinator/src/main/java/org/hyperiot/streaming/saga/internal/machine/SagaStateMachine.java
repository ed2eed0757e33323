package org.hyperiot.streaming.saga.internal.machine;

import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.ATTEMPT_FAILED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.ATTEMPT_TIMED_OUT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.CANCEL_REQUESTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMMAND_SENT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_ATTEMPT_FAILED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_ATTEMPT_TIMED_OUT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_FAILED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_RETRY_SCHEDULED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_SENT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_SKIPPED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMPENSATION_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.DEADLINE_REACHED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.OPERATOR_RETRY;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.RETRY_SCHEDULED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_COMPENSATED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_COMPLETED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_FAILED_TO_COMPENSATE;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_ABANDONED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_COMPENSATED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_COMPLETED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_FAILED;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.engine.definition.DurationFormat;

/**
 * The rules of a saga's life, as a pure function from (state, event, time) to (next state, effects).
 * It does no I/O and keeps nothing between calls, so the coordinator can run it inside the Kafka
 * transaction that consumes the event, and tests can drive it with a controllable clock.
 *
 * <p>Forward: the stages run in order; all steps of a stage are sent together and the stage ends when
 * every one has completed. Outputs are merged into the saga's data when their stage ends, in the
 * stage's order, so the data later commands carry does not depend on the order replies came in. An
 * attempt that fails with a retryable failure or gets no reply in time is retried after the back-off
 * of the step's {@link RetryPolicy}, under the same command id; every attempt of an action is bounded
 * by the saga's deadline.
 *
 * <p>Compensation begins when a step fails for good, when the deadline passes, or when an operator
 * cancels. No new attempt starts from then on: pending retries are called off and attempts already
 * sent are awaited (until their reply or their timeout), because one whose reply is still on its way
 * may yet complete. Then the stages are compensated from the current one back to the first; the steps
 * of a stage that have a compensation and may have been applied are compensated together: those that
 * completed, and those whose latest attempt got no reply (it timed out, or the deadline passed while it
 * ran), since the participant may have applied it late. The stage before is taken up once all of them
 * have been compensated. Compensations are retried like actions but are not bounded by the saga's deadline. A
 * compensation that fails for good stops the saga in {@link SagaState#FAILED_TO_COMPENSATE} (once its
 * siblings' compensations have settled), where an operator's retry starts a fresh round of attempts
 * and an operator's skip leaves the step as it is; either way compensation goes on from there.
 *
 * <p>Replies are matched by command id and attempt: a reply to an attempt that is not the one awaited
 * (an earlier attempt, a repeated delivery, a reply after the attempt timed out) and a timer no longer
 * set are ignored, leaving the saga unchanged, since Kafka may deliver them again after a failover.
 * Every applied event appends at least one history entry.
 */
public final class SagaStateMachine {

    private final Clock clock;

    /** Creates the state machine reading the time of each transition from the given clock. */
    public SagaStateMachine(Clock clock) {
        this.clock = clock;
    }

    /**
     * Starts a saga: it is {@link SagaState#RUNNING}, its deadline timer is set and the commands of its
     * first stage are sent.
     *
     * @param sagaId     the new saga's id; must not contain {@code /}
     * @param definition a valid definition, kept in the saga as it is now
     * @param input      the saga's initial data, JSON-like; {@code null} for none
     * @throws IllegalArgumentException if the input holds a value with no JSON form
     */
    public Transition start(String sagaId, SagaDefinition definition, Map<String, Object> input) {
        if (sagaId.contains("/")) {
            throw new IllegalArgumentException("a saga id cannot contain '/': " + sagaId);
        }
        Instant now = clock.instant();
        SagaDraft saga = new SagaDraft(SagaInstance.created(sagaId, definition, SagaData.copyOf(input), now), now, null);
        saga.record(SAGA_STARTED, null, 0, "definition '" + definition.name() + "', deadline " + saga.deadline());
        saga.setTimer(SagaTimer.deadline(saga.deadline()));
        advance(saga);
        return saga.finish();
    }

    /**
     * Applies an event to a saga.
     *
     * @return the next state and its effects, or the same state with {@link Transition#ignoredReason()}
     *         set when the event is stale or repeated
     * @throws IllegalSagaStateException if an operator's request does not apply to the saga's state: cancel
     *                                   applies to a running saga, retry and skip to one that failed to
     *                                   compensate
     */
    public Transition apply(SagaInstance saga, SagaEvent event) {
        Instant now = clock.instant();
        if (event instanceof SagaEvent.ReplyReceived reply) {
            return onReply(saga, reply, now);
        }
        if (event instanceof SagaEvent.TimerFired timer) {
            return onTimer(saga, timer, now);
        }
        if (event instanceof SagaEvent.OperatorCancel) {
            return onCancel(saga, now);
        }
        if (event instanceof SagaEvent.OperatorRetry) {
            return onRetry(saga, now);
        }
        return onSkip(saga, now);
    }

    // ---- events

    private Transition onReply(SagaInstance origin, SagaEvent.ReplyReceived event, Instant now) {
        for (SagaStep step : origin.definition().steps()) {
            StepProgress progress = origin.progress(step.name());
            if (event.commandId().equals(CommandIds.action(origin.id(), step))) {
                if (progress.state() != SagaStepState.RUNNING || progress.attempts() != event.attempt()) {
                    return Transition.ignored(origin, staleReply(event, step, progress.state(), progress.attempts()));
                }
                SagaDraft saga = new SagaDraft(origin, now, null);
                onActionReply(saga, step, event.reply());
                advance(saga);
                return saga.finish();
            }
            if (step.hasCompensation() && event.commandId().equals(CommandIds.compensation(origin.id(), step))) {
                if (progress.state() != SagaStepState.COMPENSATING
                        || progress.compensationAttempts() != event.attempt()) {
                    return Transition.ignored(origin,
                            staleReply(event, step, progress.state(), progress.compensationAttempts()));
                }
                SagaDraft saga = new SagaDraft(origin, now, null);
                onCompensationReply(saga, step, event.reply());
                advance(saga);
                return saga.finish();
            }
        }
        return Transition.ignored(origin, "no command of saga '" + origin.id() + "' has id '" + event.commandId() + "'");
    }

    private Transition onTimer(SagaInstance origin, SagaEvent.TimerFired event, Instant now) {
        SagaTimer timer = origin.timer(event.timerId()).orElse(null);
        if (timer == null) {
            return Transition.ignored(origin, "timer '" + event.timerId() + "' is not set: it fired or was "
                    + "cancelled already");
        }
        if (now.isBefore(timer.due())) {
            return Transition.ignored(origin, "timer '" + timer.id() + "' is not due before " + timer.due());
        }
        SagaDraft saga = new SagaDraft(origin, now, timer.id());
        saga.cancelTimer(timer.id());
        switch (timer.kind()) {
            case SAGA_DEADLINE -> deadlineReached(saga);
            case ATTEMPT_TIMEOUT -> {
                SagaStep step = saga.step(timer.step());
                String failure = RetryPolicy.TIMEOUT_CODE + ": " + timeoutDescription(saga, step, timer.due());
                saga.record(ATTEMPT_TIMED_OUT, step.name(), timer.attempt(), failure);
                saga.update(saga.progress(step.name()).withoutAnswer());
                actionAttemptFailed(saga, step, RetryPolicy.TIMEOUT_CODE, failure);
            }
            case RETRY_BACKOFF -> {
                if (saga.deadlinePassed()) {
                    deadlineReached(saga);
                } else {
                    sendAction(saga, saga.step(timer.step()));
                }
            }
            case COMPENSATION_TIMEOUT -> {
                SagaStep step = saga.step(timer.step());
                String failure = RetryPolicy.TIMEOUT_CODE + ": no reply within " + DurationFormat.format(step.timeout());
                saga.record(COMPENSATION_ATTEMPT_TIMED_OUT, step.name(), timer.attempt(), failure);
                compensationAttemptFailed(saga, step, RetryPolicy.TIMEOUT_CODE, failure);
            }
            case COMPENSATION_BACKOFF -> sendCompensation(saga, saga.step(timer.step()));
        }
        advance(saga);
        return saga.finish();
    }

    private Transition onCancel(SagaInstance origin, Instant now) {
        if (origin.state() != SagaState.RUNNING) {
            throw new IllegalSagaStateException(origin.id(), origin.state(), "cancel",
                    "only a RUNNING saga can be cancelled");
        }
        SagaDraft saga = new SagaDraft(origin, now, null);
        saga.record(CANCEL_REQUESTED, null, 0, null);
        beginCompensation(saga, "cancelled by an operator");
        advance(saga);
        return saga.finish();
    }

    private Transition onRetry(SagaInstance origin, Instant now) {
        requireFailedToCompensate(origin, "retry");
        SagaDraft saga = new SagaDraft(origin, now, null);
        List<SagaStep> failed = failedCompensations(saga);
        saga.record(OPERATOR_RETRY, null, 0, "retrying the compensation of " + names(failed));
        saga.state(SagaState.COMPENSATING);
        for (SagaStep step : failed) {
            saga.update(saga.progress(step.name()).newCompensationRound());
            sendCompensation(saga, step);
        }
        advance(saga);
        return saga.finish();
    }

    private Transition onSkip(SagaInstance origin, Instant now) {
        requireFailedToCompensate(origin, "skip");
        SagaDraft saga = new SagaDraft(origin, now, null);
        for (SagaStep step : failedCompensations(saga)) {
            StepProgress progress = saga.progress(step.name());
            saga.update(progress.withState(SagaStepState.COMPENSATION_SKIPPED));
            saga.record(COMPENSATION_SKIPPED, step.name(), progress.compensationAttempts(),
                    "its effect stays: skipped by an operator");
        }
        saga.state(SagaState.COMPENSATING);
        advance(saga);
        return saga.finish();
    }

    // ---- replies and failures

    private void onActionReply(SagaDraft saga, SagaStep step, SagaReply reply) {
        StepProgress progress = saga.progress(step.name());
        saga.cancelTimer(SagaTimer.id(SagaTimer.Kind.ATTEMPT_TIMEOUT, step.name(), progress.attempts()));
        switch (reply.outcome()) {
            case SUCCESS -> {
                saga.update(progress.completed(reply.output()));
                saga.record(STEP_COMPLETED, step.name(), progress.attempts(), null);
            }
            case RETRYABLE_FAILURE -> {
                String failure = describe(reply);
                saga.record(ATTEMPT_FAILED, step.name(), progress.attempts(), failure);
                actionAttemptFailed(saga, step, reply.code(), failure);
            }
            case FINAL_FAILURE -> actionFailed(saga, step, describe(reply));
        }
    }

    private void actionAttemptFailed(SagaDraft saga, SagaStep step, String code, String failure) {
        StepProgress progress = saga.progress(step.name());
        if (saga.state() != SagaState.RUNNING) {
            saga.update(progress.failing(SagaStepState.FAILED, failure));
            saga.record(STEP_ABANDONED, step.name(), progress.attempts(), "not retried: the saga is compensating");
        } else if (saga.deadlinePassed()) {
            saga.update(progress.failing(SagaStepState.FAILED, failure));
            saga.record(STEP_ABANDONED, step.name(), progress.attempts(), "not retried: the saga deadline passed");
        } else if (code != null && step.retry().nonRetryableCodes().contains(code)) {
            actionFailed(saga, step, failure + " (code " + code + " is not retried)");
        } else if (progress.attempts() >= step.retry().maxAttempts()) {
            actionFailed(saga, step, "gave up after " + progress.attempts() + " attempts; the last one: " + failure);
        } else {
            Instant due = saga.now().plus(RetryBackoff.delayAfter(step.retry(), progress.attempts()));
            int next = progress.attempts() + 1;
            saga.update(progress.failing(SagaStepState.WAITING_TO_RETRY, failure));
            saga.setTimer(SagaTimer.forStep(SagaTimer.Kind.RETRY_BACKOFF, step.name(), next, due));
            saga.record(RETRY_SCHEDULED, step.name(), next, waitDescription(saga.now(), due));
        }
    }

    private void actionFailed(SagaDraft saga, SagaStep step, String failure) {
        StepProgress progress = saga.progress(step.name());
        saga.update(progress.failing(SagaStepState.FAILED, failure));
        saga.record(STEP_FAILED, step.name(), progress.attempts(), failure);
        if (saga.state() == SagaState.RUNNING) {
            beginCompensation(saga, "step '" + step.name() + "' failed: " + failure);
        }
    }

    private void onCompensationReply(SagaDraft saga, SagaStep step, SagaReply reply) {
        StepProgress progress = saga.progress(step.name());
        saga.cancelTimer(SagaTimer.id(SagaTimer.Kind.COMPENSATION_TIMEOUT, step.name(),
                progress.compensationAttempts()));
        switch (reply.outcome()) {
            case SUCCESS -> {
                saga.update(progress.withState(SagaStepState.COMPENSATED));
                saga.record(STEP_COMPENSATED, step.name(), progress.compensationAttempts(), null);
            }
            case RETRYABLE_FAILURE -> {
                String failure = describe(reply);
                saga.record(COMPENSATION_ATTEMPT_FAILED, step.name(), progress.compensationAttempts(), failure);
                compensationAttemptFailed(saga, step, reply.code(), failure);
            }
            case FINAL_FAILURE -> compensationFailed(saga, step, describe(reply));
        }
    }

    private void compensationAttemptFailed(SagaDraft saga, SagaStep step, String code, String failure) {
        StepProgress progress = saga.progress(step.name());
        int used = progress.compensationAttemptsInRound();
        if (code != null && step.retry().nonRetryableCodes().contains(code)) {
            compensationFailed(saga, step, failure + " (code " + code + " is not retried)");
        } else if (used >= step.retry().maxAttempts()) {
            compensationFailed(saga, step, "gave up after " + used + " attempts; the last one: " + failure);
        } else {
            Instant due = saga.now().plus(RetryBackoff.delayAfter(step.retry(), used));
            int next = progress.compensationAttempts() + 1;
            saga.update(progress.failing(SagaStepState.WAITING_TO_RETRY_COMPENSATION, failure));
            saga.setTimer(SagaTimer.forStep(SagaTimer.Kind.COMPENSATION_BACKOFF, step.name(), next, due));
            saga.record(COMPENSATION_RETRY_SCHEDULED, step.name(), next, waitDescription(saga.now(), due));
        }
    }

    private void compensationFailed(SagaDraft saga, SagaStep step, String failure) {
        StepProgress progress = saga.progress(step.name());
        saga.update(progress.failing(SagaStepState.COMPENSATION_FAILED, failure));
        saga.record(COMPENSATION_FAILED, step.name(), progress.compensationAttempts(), failure);
    }

    // ---- turning points

    private void deadlineReached(SagaDraft saga) {
        saga.record(DEADLINE_REACHED, null, 0, "the deadline " + saga.deadline() + " passed");
        for (SagaStep step : saga.stageSteps()) {
            StepProgress progress = saga.progress(step.name());
            if (progress.state() == SagaStepState.RUNNING) {
                saga.cancelTimer(SagaTimer.id(SagaTimer.Kind.ATTEMPT_TIMEOUT, step.name(), progress.attempts()));
                saga.update(progress.withoutAnswer().failing(SagaStepState.FAILED,
                        RetryPolicy.TIMEOUT_CODE + ": no reply by the saga deadline"));
                saga.record(STEP_ABANDONED, step.name(), progress.attempts(), "given up: the saga deadline passed");
            }
        }
        beginCompensation(saga, "the saga deadline passed (timeout "
                + DurationFormat.format(saga.definition().timeout()) + ")");
    }

    /** Stops all forward progress; attempts already sent are left to finish. */
    private void beginCompensation(SagaDraft saga, String reason) {
        saga.state(SagaState.COMPENSATING);
        saga.error(reason);
        saga.record(COMPENSATION_STARTED, null, 0, reason);
        saga.cancelTimer(SagaTimer.DEADLINE_ID);
        for (SagaStep step : saga.stageSteps()) {
            StepProgress progress = saga.progress(step.name());
            if (progress.state() == SagaStepState.WAITING_TO_RETRY) {
                saga.cancelTimer(SagaTimer.id(SagaTimer.Kind.RETRY_BACKOFF, step.name(), progress.attempts() + 1));
                saga.update(progress.withState(SagaStepState.FAILED));
                saga.record(STEP_ABANDONED, step.name(), progress.attempts(), "retry called off: the saga is compensating");
            }
        }
    }

    /** Moves the saga as far as it can go without another event. */
    private void advance(SagaDraft saga) {
        if (saga.state() == SagaState.RUNNING) {
            advanceForward(saga);
        }
        if (saga.state() == SagaState.COMPENSATING) {
            advanceCompensation(saga);
        }
    }

    private void advanceForward(SagaDraft saga) {
        if (saga.deadlinePassed()) {
            deadlineReached(saga);
            return;
        }
        List<SagaStep> stage = saga.stageSteps();
        if (stage.stream().allMatch(step -> saga.progress(step.name()).state() == SagaStepState.PENDING)) {
            stage.forEach(step -> sendAction(saga, step));
            return;
        }
        if (!stage.stream().allMatch(step -> saga.progress(step.name()).state() == SagaStepState.COMPLETED)) {
            return;
        }
        saga.mergePendingOutputs();
        if (saga.isLastStage()) {
            saga.state(SagaState.COMPLETED);
            saga.cancelTimer(SagaTimer.DEADLINE_ID);
            saga.record(SAGA_COMPLETED, null, 0, null);
            return;
        }
        saga.stage(saga.stage() + 1);
        saga.stageSteps().forEach(step -> sendAction(saga, step));
    }

    private void advanceCompensation(SagaDraft saga) {
        if (saga.stageSteps().stream()
                .anyMatch(step -> saga.progress(step.name()).state() == SagaStepState.RUNNING)) {
            return;
        }
        saga.mergePendingOutputs();
        while (saga.stage() >= 0) {
            List<SagaStep> toCompensate = saga.stageSteps().stream()
                    .filter(step -> step.hasCompensation() && saga.progress(step.name()).mayHaveBeenApplied())
                    .toList();
            if (!toCompensate.isEmpty()) {
                toCompensate.forEach(step -> sendCompensation(saga, step));
                return;
            }
            if (saga.stageSteps().stream().map(step -> saga.progress(step.name()).state())
                    .anyMatch(state -> state == SagaStepState.COMPENSATING
                            || state == SagaStepState.WAITING_TO_RETRY_COMPENSATION)) {
                return;
            }
            List<SagaStep> failed = failedCompensations(saga);
            if (!failed.isEmpty()) {
                String why = failed.stream()
                        .map(step -> "'" + step.name() + "': " + saga.progress(step.name()).lastError())
                        .collect(Collectors.joining("; "));
                saga.state(SagaState.FAILED_TO_COMPENSATE);
                saga.error("compensation failed for good for " + why);
                saga.record(SAGA_FAILED_TO_COMPENSATE, null, 0, saga.error());
                return;
            }
            saga.stage(saga.stage() - 1);
        }
        saga.state(SagaState.COMPENSATED);
        saga.record(SAGA_COMPENSATED, null, 0, null);
    }

    // ---- sending

    private void sendAction(SagaDraft saga, SagaStep step) {
        int attempt = saga.progress(step.name()).attempts() + 1;
        Instant due = saga.deadline();
        if (step.timeout() != null && saga.now().plus(step.timeout()).isBefore(due)) {
            due = saga.now().plus(step.timeout());
        }
        saga.update(saga.progress(step.name()).running(attempt));
        saga.setTimer(SagaTimer.forStep(SagaTimer.Kind.ATTEMPT_TIMEOUT, step.name(), attempt, due));
        saga.send(new SagaCommand(saga.sagaId(), saga.definition().name(), step.name(), step.participant(),
                step.action(), false, attempt, CommandIds.action(saga.sagaId(), step), saga.data(), due));
        saga.record(COMMAND_SENT, step.name(), attempt, step.participant() + ": " + step.action());
    }

    private void sendCompensation(SagaDraft saga, SagaStep step) {
        int attempt = saga.progress(step.name()).compensationAttempts() + 1;
        // A compensation is not bounded by the saga's deadline, which has often passed by then: without a
        // step timeout it waits for its participant as long as it takes.
        Instant due = step.timeout() == null ? null : saga.now().plus(step.timeout());
        saga.update(saga.progress(step.name()).compensating(attempt));
        if (due != null) {
            saga.setTimer(SagaTimer.forStep(SagaTimer.Kind.COMPENSATION_TIMEOUT, step.name(), attempt, due));
        }
        saga.send(new SagaCommand(saga.sagaId(), saga.definition().name(), step.name(), step.participant(),
                step.compensation(), true, attempt, CommandIds.compensation(saga.sagaId(), step), saga.data(), due));
        saga.record(COMPENSATION_SENT, step.name(), attempt, step.participant() + ": " + step.compensation());
    }

    // ---- helpers

    private static void requireFailedToCompensate(SagaInstance saga, String request) {
        if (saga.state() != SagaState.FAILED_TO_COMPENSATE) {
            throw new IllegalSagaStateException(saga.id(), saga.state(), request,
                    "only a saga in FAILED_TO_COMPENSATE has a failed compensation to " + request);
        }
    }

    private static List<SagaStep> failedCompensations(SagaDraft saga) {
        List<SagaStep> failed = new ArrayList<>();
        for (SagaStep step : saga.stageSteps()) {
            if (saga.progress(step.name()).state() == SagaStepState.COMPENSATION_FAILED) {
                failed.add(step);
            }
        }
        return failed;
    }

    private static String names(List<SagaStep> steps) {
        return steps.stream().map(step -> "'" + step.name() + "'").collect(Collectors.joining(", "));
    }

    private static String staleReply(SagaEvent.ReplyReceived event, SagaStep step, SagaStepState state,
                                     int attempt) {
        return "stale reply to attempt " + event.attempt() + " of command '" + event.commandId() + "': step '"
                + step.name() + "' is " + state + " at attempt " + attempt;
    }

    private static String describe(SagaReply reply) {
        String reason = reply.reason() == null ? "no reason given" : reply.reason();
        return reply.code() == null ? reason : reply.code() + ": " + reason;
    }

    private static String timeoutDescription(SagaDraft saga, SagaStep step, Instant due) {
        return due.equals(saga.deadline()) ? "no reply by the saga deadline"
                : "no reply within " + DurationFormat.format(step.timeout());
    }

    private static String waitDescription(Instant now, Instant due) {
        return "after " + DurationFormat.format(Duration.between(now, due)) + ", at " + due;
    }
}
