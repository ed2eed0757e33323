package org.hyperiot.streaming.saga.internal.machine;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaStepState;

/**
 * Where one step of a saga stands, as kept in the saga's state.
 *
 * @param name                   the step's name
 * @param state                  where it stands
 * @param attempts               attempts of the action sent so far; the number of the latest one
 * @param compensationAttempts   attempts of the compensation sent so far; the number of the latest one.
 *                               Never reset, so that a late reply to an attempt before an operator's
 *                               retry cannot pass for a reply to one after it
 * @param compensationRoundStart the value of {@code compensationAttempts} when the current round of
 *                               compensation attempts began (0, or when an operator last retried): the
 *                               retry policy's budget counts from there
 * @param pendingOutput          the output of a completed step of the current stage, kept until the
 *                               stage ends so that the outputs of a parallel group are merged in the
 *                               group's order, whatever order the replies came in; {@code null} when none
 * @param lastError              the last failure of the action or compensation, or {@code null}
 * @param unanswered             whether the latest attempt of the action got no reply (it timed out, or
 *                               was given up at the saga's deadline): the participant may have applied
 *                               it all the same, so a step that failed this way is compensated
 */
public record StepProgress(String name, SagaStepState state, int attempts, int compensationAttempts,
                           int compensationRoundStart, Map<String, Object> pendingOutput, String lastError,
                           boolean unanswered) {

    /** A step not started yet. */
    static StepProgress pending(String name) {
        return new StepProgress(name, SagaStepState.PENDING, 0, 0, 0, null, null, false);
    }

    /** Whether the compensation is owed: the action completed, or failed in a way that may hide that it was applied. */
    boolean mayHaveBeenApplied() {
        return state == SagaStepState.COMPLETED || (state == SagaStepState.FAILED && unanswered);
    }

    /** Compensation attempts sent in the current round. */
    int compensationAttemptsInRound() {
        return compensationAttempts - compensationRoundStart;
    }

    StepProgress withState(SagaStepState newState) {
        return new StepProgress(name, newState, attempts, compensationAttempts, compensationRoundStart,
                pendingOutput, lastError, unanswered);
    }

    StepProgress running(int attempt) {
        return new StepProgress(name, SagaStepState.RUNNING, attempt, compensationAttempts, compensationRoundStart,
                pendingOutput, lastError, false);
    }

    StepProgress completed(Map<String, Object> output) {
        return new StepProgress(name, SagaStepState.COMPLETED, attempts, compensationAttempts,
                compensationRoundStart, output, lastError, false);
    }

    StepProgress withOutputMerged() {
        return new StepProgress(name, state, attempts, compensationAttempts, compensationRoundStart, null, lastError,
                unanswered);
    }

    StepProgress failing(SagaStepState newState, String failure) {
        return new StepProgress(name, newState, attempts, compensationAttempts, compensationRoundStart,
                pendingOutput, failure, unanswered);
    }

    StepProgress compensating(int attempt) {
        return new StepProgress(name, SagaStepState.COMPENSATING, attempts, attempt, compensationRoundStart,
                pendingOutput, lastError, unanswered);
    }

    StepProgress newCompensationRound() {
        return new StepProgress(name, state, attempts, compensationAttempts, compensationAttempts, pendingOutput,
                lastError, unanswered);
    }

    /** The latest attempt of the action got no reply. */
    StepProgress withoutAnswer() {
        return new StepProgress(name, state, attempts, compensationAttempts, compensationRoundStart, pendingOutput,
                lastError, true);
    }
}
