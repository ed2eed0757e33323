package org.hyperiot.streaming.saga.internal.machine;

import java.time.Instant;

/**
 * A durable timer: part of the saga's state, so that a coordinator taking the saga over after a
 * failover finds every timer, with its due time, in the saga log and arms it again. Its id is derived
 * from what it is for, never drawn at random, so the same state always yields the same ids.
 *
 * @param kind    what the timer is for
 * @param step    the step it concerns, or {@code null} for the saga's deadline
 * @param attempt the attempt it concerns: the attempt that times out, or the attempt a back-off ends
 *                with; 0 for the deadline
 * @param due     when it fires
 */
public record SagaTimer(Kind kind, String step, int attempt, Instant due) {

    /** What a timer is for. */
    public enum Kind {
        /** The saga's deadline: a saga still running then compensates. */
        SAGA_DEADLINE("deadline"),
        /** An attempt of a step's action gets no more time. */
        ATTEMPT_TIMEOUT("timeout"),
        /** The back-off before the next attempt of a step's action ends. */
        RETRY_BACKOFF("retry"),
        /** An attempt of a step's compensation gets no more time. */
        COMPENSATION_TIMEOUT("compensation-timeout"),
        /** The back-off before the next attempt of a step's compensation ends. */
        COMPENSATION_BACKOFF("compensation-retry");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** The id of the saga's deadline timer. */
    public static final String DEADLINE_ID = Kind.SAGA_DEADLINE.label;

    /** The saga's deadline. */
    static SagaTimer deadline(Instant due) {
        return new SagaTimer(Kind.SAGA_DEADLINE, null, 0, due);
    }

    /** A timer for one step's attempt. */
    static SagaTimer forStep(Kind kind, String step, int attempt, Instant due) {
        return new SagaTimer(kind, step, attempt, due);
    }

    /** The id of the timer of the given kind for a step's attempt, such as {@code retry:reserve:2}. */
    public static String id(Kind kind, String step, int attempt) {
        return kind == Kind.SAGA_DEADLINE ? DEADLINE_ID : kind.label + ":" + step + ":" + attempt;
    }

    /** This timer's id, unique within its saga. */
    public String id() {
        return id(kind, step, attempt);
    }
}
