package org.hyperiot.streaming.api.saga;

/** Where one step of a saga stands. */
public enum SagaStepState {
    /** Not started: an earlier stage has not completed, or never did. */
    PENDING,
    /** An attempt of the action was sent and its answer is awaited. */
    RUNNING,
    /** An attempt of the action failed; the next one is sent when the back-off ends. */
    WAITING_TO_RETRY,
    /** The action succeeded. */
    COMPLETED,
    /**
     * The action did not succeed and will not be tried again: a final failure, its attempts used up, a
     * timeout at the saga's deadline, or a retry called off because the saga is compensating.
     */
    FAILED,
    /** An attempt of the compensation was sent and its answer is awaited. */
    COMPENSATING,
    /** An attempt of the compensation failed; the next one is sent when the back-off ends. */
    WAITING_TO_RETRY_COMPENSATION,
    /** The compensation succeeded. */
    COMPENSATED,
    /** The compensation failed for good; an operator may retry or skip it. */
    COMPENSATION_FAILED,
    /** An operator skipped the failed compensation; the step's effect was not undone by the saga. */
    COMPENSATION_SKIPPED
}
