package org.hyperiot.streaming.api.saga;

/**
 * A service that carries out the actions of saga steps, and their compensations. A bundle registers
 * it as an OSGi service with the property {@value #PARTICIPANT_NAME} set to the name that saga
 * definitions give as a step's {@code participant}; participants of the same name on several nodes
 * share its commands.
 *
 * <p>The coordinator delivers each command at least once: the same command may arrive again, after a
 * crash or as a retry. {@link SagaCommand#commandId()} is the same for every delivery and every attempt
 * of one action of one saga, so it is the participant's idempotency key: an action whose effect was
 * already applied under a command id must not be applied again, and is answered with success (and the
 * same output) instead.
 *
 * <p>A compensation arrives as a command with {@link SagaCommand#compensation()} set and the step's
 * compensation as its {@link SagaCommand#action()}, only for an action that succeeded.
 */
public interface SagaParticipant {

    /** The service property holding the participant's name, as saga definitions refer to it. */
    String PARTICIPANT_NAME = "hyperiot.saga.participant";

    /**
     * Carries out one command and tells the coordinator how it went: {@link SagaReply#success} with an
     * output that is merged into the saga's data, {@link SagaReply#retryableFailure} when trying again
     * later may succeed and nothing was applied, or {@link SagaReply#finalFailure} when it never will.
     * An exception thrown here counts as a retryable failure.
     *
     * @param command what to do, with the saga's data and the attempt's deadline
     * @return the outcome, never {@code null}
     */
    SagaReply execute(SagaCommand command);
}
