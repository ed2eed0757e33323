package org.hyperiot.streaming.api.saga;

import java.time.Duration;
import java.util.List;

/**
 * One action of a saga, carried out by a participant, and the action that undoes it.
 *
 * @param name         the step's name, unique within its saga, matching {@code ^[a-z0-9][a-z0-9._-]{0,62}$}
 * @param participant  the name the participant service is registered under
 *                     ({@link SagaParticipant#PARTICIPANT_NAME})
 * @param action       what the participant is asked to do
 * @param compensation what the participant is asked to do to undo a completed {@code action}, or
 *                     {@code null} when the step needs no undoing
 * @param timeout      how long one attempt (of the action or of its compensation) may take before it
 *                     counts as a retryable failure with code {@link RetryPolicy#TIMEOUT_CODE}, or
 *                     {@code null} for no limit of its own (the action is still bounded by the saga's
 *                     deadline)
 * @param retry        how failed attempts of the action, and of its compensation, are retried; never
 *                     {@code null}: {@link RetryPolicy#DEFAULT} when none is given
 */
public record SagaStep(String name, String participant, String action, String compensation, Duration timeout,
                       RetryPolicy retry) implements SagaStage {

    /** Uses {@link RetryPolicy#DEFAULT} when no retry policy is given. */
    public SagaStep {
        retry = retry == null ? RetryPolicy.DEFAULT : retry;
    }

    /** A step without compensation, timeout of its own or retry policy of its own. */
    public static SagaStep of(String name, String participant, String action) {
        return new SagaStep(name, participant, action, null, null, RetryPolicy.DEFAULT);
    }

    /** This step, undone by the given action of the same participant. */
    public SagaStep withCompensation(String compensationAction) {
        return new SagaStep(name, participant, action, compensationAction, timeout, retry);
    }

    /** This step with a time limit for each attempt. */
    public SagaStep withTimeout(Duration attemptTimeout) {
        return new SagaStep(name, participant, action, compensation, attemptTimeout, retry);
    }

    /** This step with its own retry policy. */
    public SagaStep withRetry(RetryPolicy policy) {
        return new SagaStep(name, participant, action, compensation, timeout, policy);
    }

    /** Whether a completed step has to be undone when the saga compensates. */
    public boolean hasCompensation() {
        return compensation != null;
    }

    /** This step alone. */
    @Override
    public List<SagaStep> steps() {
        return List.of(this);
    }
}
