package org.hyperiot.streaming.saga.internal.definition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStage;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.engine.definition.DurationFormat;
import org.hyperiot.streaming.engine.definition.JsonPointers;

/**
 * Turns a JSON tree into a {@link SagaDefinition}, reporting what does not fit the document's shape:
 * unknown members, wrong types, durations that do not parse, a parallel group inside another. Defaults
 * are filled in exactly as {@link SagaDefinition.Builder} fills them in.
 *
 * <p>Every entry of {@code steps} (and of a {@code parallel} array) yields one entry of the model, even
 * one that could not be read (an empty step stands in for it), so that a model index is also the
 * document index and {@link SagaDefinitionRules} reports pointers that match the document. The reader
 * drops a rule's error when the parser already reported a problem at that pointer or above it.
 */
final class SagaDefinitionParser {

    private static final Set<String> ROOT_MEMBERS = Set.of("name", "timeout", "steps");
    private static final Set<String> STEP_MEMBERS = Set.of("name", "participant", "action", "compensation",
            "timeout", "retry");
    private static final Set<String> GROUP_MEMBERS = Set.of("parallel");
    private static final Set<String> RETRY_MEMBERS = Set.of("initialInterval", "multiplier", "maxInterval",
            "maxAttempts", "nonRetryableCodes");
    private static final SagaStep UNREADABLE_STEP = new SagaStep(null, null, null, null, null, null);

    private final List<ValidationError> errors = new ArrayList<>();

    /** The problems found so far. */
    List<ValidationError> errors() {
        return errors;
    }

    /** Reads the document, or returns {@code null} when it is not an object; check {@link #errors()} afterwards. */
    SagaDefinition parse(JsonNode root) {
        if (!root.isObject()) {
            error("", "a saga definition must be a JSON object");
            return null;
        }
        knownMembers(root, "", ROOT_MEMBERS);
        String name = text(root, "name", "");
        Duration timeout = duration(root, "timeout", "", SagaDefinition.DEFAULT_TIMEOUT);
        List<SagaStage> stages = new ArrayList<>();
        JsonNode steps = root.get("steps");
        if (absent(steps)) {
            error("/steps", "is required");
        } else if (!steps.isArray()) {
            error("/steps", "must be an array of steps and parallel groups");
        } else {
            for (int i = 0; i < steps.size(); i++) {
                stages.add(stage(steps.get(i), JsonPointers.child("/steps", i)));
            }
        }
        return new SagaDefinition(name, timeout, stages);
    }

    private SagaStage stage(JsonNode node, String pointer) {
        if (!node.isObject()) {
            error(pointer, "must be an object: a step, or a parallel group {\"parallel\": [...]}");
            return UNREADABLE_STEP;
        }
        if (!node.has("parallel")) {
            return step(node, pointer);
        }
        knownMembers(node, pointer, GROUP_MEMBERS);
        String membersPointer = JsonPointers.child(pointer, "parallel");
        JsonNode members = node.get("parallel");
        if (!members.isArray()) {
            error(membersPointer, "must be an array of steps");
            return new ParallelGroup(List.of());
        }
        List<SagaStep> steps = new ArrayList<>();
        for (int j = 0; j < members.size(); j++) {
            steps.add(groupMember(members.get(j), JsonPointers.child(membersPointer, j)));
        }
        return new ParallelGroup(steps);
    }

    private SagaStep groupMember(JsonNode node, String pointer) {
        if (!node.isObject()) {
            error(pointer, "must be a step object");
            return UNREADABLE_STEP;
        }
        if (node.has("parallel")) {
            error(pointer, "a parallel group cannot hold another parallel group: list its steps in this group");
            return UNREADABLE_STEP;
        }
        return step(node, pointer);
    }

    private SagaStep step(JsonNode node, String pointer) {
        knownMembers(node, pointer, STEP_MEMBERS);
        return new SagaStep(
                text(node, "name", pointer),
                text(node, "participant", pointer),
                text(node, "action", pointer),
                text(node, "compensation", pointer),
                duration(node, "timeout", pointer, null),
                retry(node.get("retry"), JsonPointers.child(pointer, "retry")));
    }

    private RetryPolicy retry(JsonNode node, String pointer) {
        if (absent(node)) {
            return RetryPolicy.DEFAULT;
        }
        if (!node.isObject()) {
            error(pointer, "must be an object");
            return RetryPolicy.DEFAULT;
        }
        knownMembers(node, pointer, RETRY_MEMBERS);
        RetryPolicy defaults = RetryPolicy.DEFAULT;
        Duration initialInterval = duration(node, "initialInterval", pointer, defaults.initialInterval());
        Duration maxInterval = duration(node, "maxInterval", pointer, defaults.maxInterval());
        double multiplier = defaults.multiplier();
        JsonNode multiplierNode = node.get("multiplier");
        if (!absent(multiplierNode)) {
            if (multiplierNode.isNumber()) {
                multiplier = multiplierNode.doubleValue();
            } else {
                error(JsonPointers.child(pointer, "multiplier"), "must be a number");
            }
        }
        int maxAttempts = defaults.maxAttempts();
        JsonNode attemptsNode = node.get("maxAttempts");
        if (!absent(attemptsNode)) {
            if (attemptsNode.isIntegralNumber() && attemptsNode.canConvertToLong()) {
                // Out-of-range values stay out of range (and are reported by the rules) rather than wrapping.
                maxAttempts = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, attemptsNode.longValue()));
            } else {
                error(JsonPointers.child(pointer, "maxAttempts"), "must be a whole number");
            }
        }
        Set<String> codes = codes(node.get("nonRetryableCodes"), JsonPointers.child(pointer, "nonRetryableCodes"));
        // An unreadable interval stays null rather than taking the default: the rules then skip comparing the two
        // intervals, instead of reporting maxInterval as shorter than a default the document never gave.
        return new RetryPolicy(initialInterval, multiplier, maxInterval, maxAttempts, codes);
    }

    private Set<String> codes(JsonNode node, String pointer) {
        Set<String> codes = new LinkedHashSet<>();
        if (absent(node)) {
            return codes;
        }
        if (!node.isArray()) {
            error(pointer, "must be an array of failure codes");
            return codes;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode code = node.get(i);
            if (!code.isTextual()) {
                error(JsonPointers.child(pointer, i), "must be a string");
            } else if (!SagaNames.isCode(code.textValue())) {
                // Checked here, at the document's index: in the model's set, a skipped element or a repeated
                // code would shift the index the rules report.
                error(JsonPointers.child(pointer, i), SagaDefinitionRules.invalidCode(code.textValue()));
            } else {
                codes.add(code.textValue());
            }
        }
        return codes;
    }

    private void knownMembers(JsonNode object, String pointer, Set<String> allowed) {
        Iterator<String> names = object.fieldNames();
        while (names.hasNext()) {
            String member = names.next();
            if (!allowed.contains(member)) {
                error(JsonPointers.child(pointer, member), "unknown member '" + member + "'; expected one of: "
                        + allowed.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
    }

    private String text(JsonNode object, String member, String pointer) {
        JsonNode node = object.get(member);
        if (absent(node)) {
            return null;
        }
        if (!node.isTextual()) {
            error(JsonPointers.child(pointer, member), "must be a string");
            return null;
        }
        return node.textValue();
    }

    private Duration duration(JsonNode object, String member, String pointer, Duration defaultValue) {
        JsonNode node = object.get(member);
        if (absent(node)) {
            return defaultValue;
        }
        String at = JsonPointers.child(pointer, member);
        if (!node.isTextual()) {
            error(at, "must be a duration such as \"200ms\", \"10s\", \"5m\" or \"1h\"");
            return null;
        }
        Optional<Duration> parsed = DurationFormat.parse(node.textValue());
        if (parsed.isEmpty()) {
            error(at, "'" + node.textValue() + "' is not a duration: write a whole number followed by ms, s, m "
                    + "or h, such as 200ms, 10s, 5m or 1h");
            return null;
        }
        return parsed.get();
    }

    private static boolean absent(JsonNode node) {
        return node == null || node.isNull();
    }

    private void error(String pointer, String message) {
        errors.add(new ValidationError(pointer, message));
    }
}
