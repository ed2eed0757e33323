package org.hyperiot.streaming.api.saga;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.hyperiot.streaming.api.internal.JsonTrees;

/**
 * A participant's answer to a {@link SagaCommand}. Create it with the static factories.
 *
 * @param outcome how the command went
 * @param output  for a success, values to merge into the saga's data (each top-level member replaces
 *                the saga's member of the same name); empty otherwise
 * @param code    for a failure, a stable, machine-readable reason such as {@code CARD_DECLINED}, matched
 *                against {@link RetryPolicy#nonRetryableCodes()}; may be {@code null} for a retryable
 *                failure; {@code null} for a success
 * @param reason  for a failure, what went wrong in words for an operator; {@code null} for a success
 * @param effects for a success, records to write to Kafka in the same transaction as this reply (see
 *                {@link SagaEffect}); empty otherwise
 */
public record SagaReply(Outcome outcome, Map<String, Object> output, String code, String reason,
                        List<SagaEffect> effects) {

    /** How a command went. */
    public enum Outcome {
        /** The action was carried out (or had been already, for a repeated command id). */
        SUCCESS,
        /** Nothing was applied and trying again later may succeed. */
        RETRYABLE_FAILURE,
        /** Nothing was applied and trying again will not help. */
        FINAL_FAILURE
    }

    /** Checks the outcome and keeps unmodifiable copies of the output and the effects. */
    public SagaReply {
        Objects.requireNonNull(outcome, "outcome");
        output = JsonTrees.copyObject(output);
        effects = effects == null ? List.of() : List.copyOf(effects);
        if (outcome != Outcome.SUCCESS && !effects.isEmpty()) {
            // A failure applied nothing, so it has nothing to write.
            throw new IllegalArgumentException("only a success can carry effects");
        }
    }

    /** A reply without effects. */
    public SagaReply(Outcome outcome, Map<String, Object> output, String code, String reason) {
        this(outcome, output, code, reason, List.of());
    }

    /** A success with nothing to add to the saga's data. */
    public static SagaReply success() {
        return new SagaReply(Outcome.SUCCESS, Map.of(), null, null);
    }

    /** A success whose output is merged into the saga's data. */
    public static SagaReply success(Map<String, Object> output) {
        return new SagaReply(Outcome.SUCCESS, output, null, null);
    }

    /** A success whose output is merged into the saga's data and whose effects are written with the reply. */
    public static SagaReply success(Map<String, Object> output, List<SagaEffect> effects) {
        return new SagaReply(Outcome.SUCCESS, output, null, null, effects);
    }

    /** A failure worth retrying, without a code. */
    public static SagaReply retryableFailure(String reason) {
        return new SagaReply(Outcome.RETRYABLE_FAILURE, Map.of(), null, reason);
    }

    /** A failure worth retrying, unless the step's retry policy lists its code as non-retryable. */
    public static SagaReply retryableFailure(String code, String reason) {
        return new SagaReply(Outcome.RETRYABLE_FAILURE, Map.of(), code, reason);
    }

    /** A failure that retrying will not fix: the step fails (or its compensation fails) for good. */
    public static SagaReply finalFailure(String code, String reason) {
        return new SagaReply(Outcome.FINAL_FAILURE, Map.of(), code, reason);
    }

    /** Whether the command succeeded. */
    public boolean isSuccess() {
        return outcome == Outcome.SUCCESS;
    }
}
