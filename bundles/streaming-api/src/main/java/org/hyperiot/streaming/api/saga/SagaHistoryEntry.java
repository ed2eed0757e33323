package org.hyperiot.streaming.api.saga;

import java.time.Instant;

/**
 * One thing that happened to a saga. The history of a saga lists them in order and is never
 * shortened.
 *
 * @param at      when it happened, by the coordinator's clock
 * @param kind    what happened
 * @param step    the step it concerns, or {@code null} for the saga as a whole
 * @param attempt the attempt it concerns, or 0
 * @param detail  more about it in words, such as a failure's code and reason; may be {@code null}
 */
public record SagaHistoryEntry(Instant at, Kind kind, String step, int attempt, String detail) {

    /** What happened. */
    public enum Kind {
        /** The saga started; the detail gives its deadline. */
        SAGA_STARTED,
        /** An attempt of a step's action was sent to its participant. */
        COMMAND_SENT,
        /** A step's action succeeded. */
        STEP_COMPLETED,
        /** An attempt of a step's action failed with a retryable failure. */
        ATTEMPT_FAILED,
        /** An attempt of a step's action got no answer within its time limit. */
        ATTEMPT_TIMED_OUT,
        /** The next attempt of a step's action was scheduled; the detail says when. */
        RETRY_SCHEDULED,
        /** A step's action failed for good. */
        STEP_FAILED,
        /** A step's pending retry was called off, or its open attempt given up, because the saga is compensating. */
        STEP_ABANDONED,
        /** The saga's deadline passed while it was running. */
        DEADLINE_REACHED,
        /** An operator cancelled the running saga. */
        CANCEL_REQUESTED,
        /** The saga began compensating; the detail says why. */
        COMPENSATION_STARTED,
        /** An attempt of a step's compensation was sent to its participant. */
        COMPENSATION_SENT,
        /** A step's compensation succeeded. */
        STEP_COMPENSATED,
        /** An attempt of a step's compensation failed with a retryable failure. */
        COMPENSATION_ATTEMPT_FAILED,
        /** An attempt of a step's compensation got no answer within its time limit. */
        COMPENSATION_ATTEMPT_TIMED_OUT,
        /** The next attempt of a step's compensation was scheduled; the detail says when. */
        COMPENSATION_RETRY_SCHEDULED,
        /** A step's compensation failed for good. */
        COMPENSATION_FAILED,
        /** An operator asked to retry the failed compensations. */
        OPERATOR_RETRY,
        /** An operator skipped a step's failed compensation. */
        COMPENSATION_SKIPPED,
        /** Every step completed. */
        SAGA_COMPLETED,
        /** Every completed step was compensated or skipped. */
        SAGA_COMPENSATED,
        /** A compensation failed for good; the saga waits for an operator. */
        SAGA_FAILED_TO_COMPENSATE
    }
}
