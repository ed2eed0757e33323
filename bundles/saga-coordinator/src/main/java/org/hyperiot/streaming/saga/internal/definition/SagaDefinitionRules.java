package org.hyperiot.streaming.saga.internal.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStage;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.engine.definition.DurationFormat;
import org.hyperiot.streaming.engine.definition.JsonPointers;

/**
 * The rules a saga definition must follow, checked on the model so that definitions read from JSON
 * and built in Java are held to the same rules. Every broken rule is reported, with the JSON pointer
 * the member at fault has (or would have) in the definition's JSON form: stage {@code i} is
 * {@code /steps/i}, member {@code j} of a parallel group is {@code /steps/i/parallel/j}.
 */
public final class SagaDefinitionRules {

    private final List<ValidationError> errors = new ArrayList<>();
    private final Map<String, String> stepPointersByName = new HashMap<>();

    private SagaDefinitionRules() {
    }

    /** Every broken rule; empty when the definition is valid. */
    public static List<ValidationError> validate(SagaDefinition definition) {
        SagaDefinitionRules rules = new SagaDefinitionRules();
        rules.check(definition);
        return List.copyOf(rules.errors);
    }

    /**
     * Returns the definition if it is valid.
     *
     * @throws InvalidSagaDefinitionException listing every broken rule otherwise
     */
    public static SagaDefinition requireValid(SagaDefinition definition) {
        List<ValidationError> errors = validate(definition);
        if (!errors.isEmpty()) {
            throw new InvalidSagaDefinitionException(errors);
        }
        return definition;
    }

    private void check(SagaDefinition definition) {
        if (definition.name() == null) {
            error("/name", "is required");
        } else if (!SagaNames.isName(definition.name())) {
            error("/name", "'" + definition.name() + "' is not a valid saga name: use 1 to 63 lower-case "
                    + "letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (definition.timeout() == null) {
            error("/timeout", "is required");
        } else {
            positiveDuration("/timeout", definition.timeout());
        }
        List<SagaStage> stages = definition.stages();
        if (stages.isEmpty()) {
            error("/steps", "must hold at least one step");
        }
        int stepCount = 0;
        for (int i = 0; i < stages.size(); i++) {
            String pointer = JsonPointers.child("/steps", i);
            SagaStage stage = stages.get(i);
            stepCount += stage.steps().size();
            if (stage instanceof SagaStep step) {
                checkStep(pointer, step);
            } else if (stage instanceof ParallelGroup group) {
                checkGroup(JsonPointers.child(pointer, "parallel"), group);
            }
        }
        if (stepCount > SagaDefinitionLimits.MAX_STEPS) {
            error("/steps", "holds " + stepCount + " steps; a saga may have at most "
                    + SagaDefinitionLimits.MAX_STEPS);
        }
    }

    private void checkGroup(String pointer, ParallelGroup group) {
        if (group.steps().isEmpty()) {
            error(pointer, "a parallel group needs at least one step");
        }
        for (int j = 0; j < group.steps().size(); j++) {
            checkStep(JsonPointers.child(pointer, j), group.steps().get(j));
        }
    }

    private void checkStep(String pointer, SagaStep step) {
        String namePointer = JsonPointers.child(pointer, "name");
        if (step.name() == null) {
            error(namePointer, "is required");
        } else if (!SagaNames.isName(step.name())) {
            error(namePointer, "'" + step.name() + "' is not a valid step name: use 1 to 63 lower-case letters, "
                    + "digits, '.', '_' or '-', starting with a letter or digit");
        } else {
            String earlier = stepPointersByName.putIfAbsent(step.name(), pointer);
            if (earlier != null) {
                error(namePointer, "duplicate step name '" + step.name() + "': " + earlier + " has it already");
            }
        }
        String participantPointer = JsonPointers.child(pointer, "participant");
        if (step.participant() == null) {
            error(participantPointer, "is required");
        } else if (!SagaNames.isName(step.participant())) {
            error(participantPointer, "'" + step.participant() + "' is not a valid participant name: use 1 to 63 "
                    + "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        String actionPointer = JsonPointers.child(pointer, "action");
        if (step.action() == null) {
            error(actionPointer, "is required");
        } else {
            checkAction(actionPointer, step.action());
        }
        if (step.compensation() != null) {
            checkAction(JsonPointers.child(pointer, "compensation"), step.compensation());
        }
        if (step.timeout() != null) {
            positiveDuration(JsonPointers.child(pointer, "timeout"), step.timeout());
        }
        checkRetry(JsonPointers.child(pointer, "retry"), step.retry());
    }

    private void checkAction(String pointer, String action) {
        if (!SagaNames.isAction(action)) {
            error(pointer, "'" + action + "' is not a valid action name: use 1 to 63 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
    }

    private void checkRetry(String pointer, RetryPolicy retry) {
        String initialPointer = JsonPointers.child(pointer, "initialInterval");
        String maxPointer = JsonPointers.child(pointer, "maxInterval");
        boolean initialValid = retry.initialInterval() == null
                ? required(initialPointer) : positiveDuration(initialPointer, retry.initialInterval());
        boolean maxValid = retry.maxInterval() == null
                ? required(maxPointer) : positiveDuration(maxPointer, retry.maxInterval());
        if (initialValid && maxValid && retry.maxInterval().compareTo(retry.initialInterval()) < 0) {
            error(maxPointer, "must not be shorter than initialInterval (" + DurationFormat.format(retry.maxInterval())
                    + " is less than " + DurationFormat.format(retry.initialInterval()) + ")");
        }
        double multiplier = retry.multiplier();
        if (!(multiplier >= 1.0 && multiplier <= SagaDefinitionLimits.MAX_MULTIPLIER)) {
            error(JsonPointers.child(pointer, "multiplier"), "must be between 1 and "
                    + (long) SagaDefinitionLimits.MAX_MULTIPLIER + ", not " + multiplier);
        }
        if (retry.maxAttempts() < 1 || retry.maxAttempts() > SagaDefinitionLimits.MAX_ATTEMPTS) {
            error(JsonPointers.child(pointer, "maxAttempts"), "must be between 1 and "
                    + SagaDefinitionLimits.MAX_ATTEMPTS + ", not " + retry.maxAttempts());
        }
        String codesPointer = JsonPointers.child(pointer, "nonRetryableCodes");
        if (retry.nonRetryableCodes().size() > SagaDefinitionLimits.MAX_NON_RETRYABLE_CODES) {
            error(codesPointer, "holds " + retry.nonRetryableCodes().size() + " codes; at most "
                    + SagaDefinitionLimits.MAX_NON_RETRYABLE_CODES + " are allowed");
        }
        int index = 0;
        for (String code : retry.nonRetryableCodes()) {
            if (!SagaNames.isCode(code)) {
                error(JsonPointers.child(codesPointer, index), invalidCode(code));
            }
            index++;
        }
    }

    static String invalidCode(String code) {
        return (code == null ? "null" : "'" + code + "'") + " is not a valid failure code: use 1 to 128 letters, "
                + "digits, '.', '_' or '-', starting with a letter or digit";
    }

    private boolean required(String pointer) {
        error(pointer, "is required");
        return false;
    }

    private boolean positiveDuration(String pointer, Duration value) {
        if (value.isNegative() || value.isZero()) {
            error(pointer, "must be longer than zero");
            return false;
        }
        if (!DurationFormat.isWholeMillis(value)) {
            error(pointer, "must be a whole number of milliseconds");
            return false;
        }
        if (value.compareTo(SagaDefinitionLimits.MAX_DURATION) > 0) {
            error(pointer, "must be at most " + DurationFormat.format(SagaDefinitionLimits.MAX_DURATION));
            return false;
        }
        return true;
    }

    private void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }
}
