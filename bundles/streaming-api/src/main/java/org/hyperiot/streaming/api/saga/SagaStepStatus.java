package org.hyperiot.streaming.api.saga;

/**
 * One step of a saga as it stands.
 *
 * @param name                 the step's name
 * @param participant          the participant carrying it out
 * @param state                where the step stands
 * @param attempts             how many attempts of the action were sent
 * @param compensationAttempts how many attempts of the compensation were sent
 * @param lastError            the last failure of the action or compensation ({@code CODE: reason}), or
 *                             {@code null}
 */
public record SagaStepStatus(String name, String participant, SagaStepState state, int attempts,
                             int compensationAttempts, String lastError) {
}
