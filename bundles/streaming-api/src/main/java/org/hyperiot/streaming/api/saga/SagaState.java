package org.hyperiot.streaming.api.saga;

/**
 * Where a saga stands. A saga starts {@link #RUNNING} and ends {@link #COMPLETED} or
 * {@link #COMPENSATED}; {@link #FAILED_TO_COMPENSATE} waits for an operator. An operator's cancel
 * takes a running saga to {@link #COMPENSATING}, like a failed step or the saga's deadline; the saga's
 * history and error say which of them it was.
 */
public enum SagaState {
    /** Steps are being carried out. */
    RUNNING,
    /**
     * A step failed for good, the deadline passed or an operator cancelled: the completed steps are
     * being undone, last completed first. Attempts already under way are awaited first.
     */
    COMPENSATING,
    /** Every step completed. Final. */
    COMPLETED,
    /** Every completed step that has a compensation was undone (or skipped by an operator). Final. */
    COMPENSATED,
    /**
     * A compensation failed for good. The saga is kept, listed and left alone until an operator
     * retries the compensation or skips it; it is never dropped.
     */
    FAILED_TO_COMPENSATE;

    /** Whether nothing more will happen to a saga in this state. */
    public boolean isTerminal() {
        return this == COMPLETED || this == COMPENSATED;
    }
}
