package org.hyperiot.streaming.saga.internal.definition;

import java.time.Duration;

/**
 * The bounds a saga definition must stay within. A saga's state, with one entry per step and a history
 * that grows with every attempt, is one record of the saga log, and Kafka refuses records over 1 MiB by
 * default; these bounds keep a saga well inside that.
 */
public final class SagaDefinitionLimits {

    /** Most steps in one saga, counting every member of every parallel group. */
    public static final int MAX_STEPS = 100;

    /** Most attempts a retry policy may allow, for an action and again for its compensation. */
    public static final int MAX_ATTEMPTS = 100;

    /** Largest growth factor between two back-off waits. */
    public static final double MAX_MULTIPLIER = 100.0;

    /** Most non-retryable codes in one retry policy. */
    public static final int MAX_NON_RETRYABLE_CODES = 50;

    /** Longest duration anywhere in a definition: saga timeout, step timeout, back-off intervals. */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    /** Deepest nesting of JSON arrays and objects in a definition document (the definition itself needs 7). */
    public static final int MAX_NESTING_DEPTH = 16;

    /** Longest number literal, in characters, in a definition document. */
    public static final int MAX_NUMBER_LENGTH = 100;

    private SagaDefinitionLimits() {
    }
}
