package org.hyperiot.streaming.saga.internal.machine;

import org.hyperiot.streaming.api.saga.SagaStep;

/**
 * The command ids participants use as idempotency keys. An id is derived from the saga, the step and
 * the action alone, so every attempt of an action, every redelivery and every coordinator that takes
 * the saga over after a failover sends the same id, and no two actions of a saga share one. Step names
 * and actions cannot contain {@code /}, which keeps the parts apart.
 */
public final class CommandIds {

    private CommandIds() {
    }

    /** The id of every command that carries out the step's action. */
    public static String action(String sagaId, SagaStep step) {
        return sagaId + "/" + step.name() + "/execute/" + step.action();
    }

    /** The id of every command that carries out the step's compensation; the step must have one. */
    public static String compensation(String sagaId, SagaStep step) {
        if (!step.hasCompensation()) {
            throw new IllegalArgumentException("step '" + step.name() + "' has no compensation");
        }
        return sagaId + "/" + step.name() + "/compensate/" + step.compensation();
    }
}
