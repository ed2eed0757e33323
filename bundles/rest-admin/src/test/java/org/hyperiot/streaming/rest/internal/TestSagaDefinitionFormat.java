package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionFormat;
import org.hyperiot.streaming.api.saga.SagaStage;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.engine.definition.DurationFormat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of SPEC §8, read and written the way the coordinator's format does, small enough for
 * tests: unknown members, missing members, wrong types and bad durations are reported with their
 * pointers, and so are the rules of {@link InMemorySagaDefinitionRegistry#rules}. Retry policies are
 * read member by member; a step's policy is written only when it is not the default.
 */
final class TestSagaDefinitionFormat implements SagaDefinitionFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Set<String> SAGA_MEMBERS = Set.of("name", "timeout", "steps");
    private static final Set<String> STEP_MEMBERS =
            Set.of("name", "participant", "action", "compensation", "timeout", "retry");
    private static final Set<String> RETRY_MEMBERS =
            Set.of("initialInterval", "multiplier", "maxInterval", "maxAttempts", "nonRetryableCodes");

    /** Every call, as {@code "<method>"}. */
    final List<String> calls = new ArrayList<>();

    @Override
    public SagaDefinition read(String json) {
        calls.add("read");
        Reading reading = parse(json);
        if (!reading.errors.isEmpty()) {
            throw new InvalidSagaDefinitionException(reading.errors);
        }
        return reading.definition;
    }

    @Override
    public List<ValidationError> validate(String json) {
        calls.add("validate");
        return parse(json).errors;
    }

    @Override
    public String write(SagaDefinition definition) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", definition.name());
        root.put("timeout", DurationFormat.format(definition.timeout()));
        ArrayNode steps = root.putArray("steps");
        for (SagaStage stage : definition.stages()) {
            if (stage instanceof SagaStep step) {
                steps.add(step(step));
            } else {
                ArrayNode members = steps.addObject().putArray("parallel");
                stage.steps().forEach(step -> members.add(step(step)));
            }
        }
        return root.toString();
    }

    private static ObjectNode step(SagaStep step) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", step.name());
        node.put("participant", step.participant());
        node.put("action", step.action());
        if (step.compensation() != null) {
            node.put("compensation", step.compensation());
        }
        if (step.timeout() != null) {
            node.put("timeout", DurationFormat.format(step.timeout()));
        }
        if (!step.retry().equals(RetryPolicy.DEFAULT)) {
            RetryPolicy retry = step.retry();
            ObjectNode policy = node.putObject("retry");
            policy.put("initialInterval", DurationFormat.format(retry.initialInterval()));
            policy.put("multiplier", retry.multiplier());
            policy.put("maxInterval", DurationFormat.format(retry.maxInterval()));
            policy.put("maxAttempts", retry.maxAttempts());
        }
        return node;
    }

    private record Reading(SagaDefinition definition, List<ValidationError> errors) {
    }

    private static Reading parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedSagaDefinitionException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedSagaDefinitionException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedSagaDefinitionException("not valid JSON: the document is empty", null);
        }
        List<ValidationError> errors = new ArrayList<>();
        if (!root.isObject()) {
            errors.add(new ValidationError("", "a saga definition is a JSON object"));
            return new Reading(null, errors);
        }
        unknown(root, SAGA_MEMBERS, "", errors);
        String name = text(root, "name", "", true, errors);
        Duration timeout = duration(root, "timeout", "", errors);
        List<SagaStage> stages = new ArrayList<>();
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray()) {
            errors.add(new ValidationError("/steps", "an array of steps is required"));
        } else {
            for (int i = 0; i < steps.size(); i++) {
                JsonNode stage = steps.get(i);
                String pointer = "/steps/" + i;
                if (stage.has("parallel")) {
                    unknown(stage, Set.of("parallel"), pointer, errors);
                    List<SagaStep> members = new ArrayList<>();
                    JsonNode group = stage.get("parallel");
                    for (int j = 0; j < group.size(); j++) {
                        members.add(readStep(group.get(j), pointer + "/parallel/" + j, errors));
                    }
                    stages.add(new ParallelGroup(members));
                } else {
                    stages.add(readStep(stage, pointer, errors));
                }
            }
        }
        SagaDefinition definition = new SagaDefinition(name, timeout == null ? SagaDefinition.DEFAULT_TIMEOUT : timeout,
                stages);
        if (errors.isEmpty()) {
            errors.addAll(InMemorySagaDefinitionRegistry.rules(definition));
        }
        return new Reading(definition, List.copyOf(errors));
    }

    private static SagaStep readStep(JsonNode node, String pointer, List<ValidationError> errors) {
        if (!node.isObject()) {
            errors.add(new ValidationError(pointer, "a step is a JSON object"));
            return SagaStep.of(null, null, null);
        }
        unknown(node, STEP_MEMBERS, pointer, errors);
        SagaStep step = new SagaStep(text(node, "name", pointer, true, errors),
                text(node, "participant", pointer, true, errors), text(node, "action", pointer, true, errors),
                text(node, "compensation", pointer, false, errors), duration(node, "timeout", pointer, errors), null);
        JsonNode retry = node.get("retry");
        if (retry != null) {
            unknown(retry, RETRY_MEMBERS, pointer + "/retry", errors);
            RetryPolicy d = RetryPolicy.DEFAULT;
            Duration initial = duration(retry, "initialInterval", pointer + "/retry", errors);
            Duration max = duration(retry, "maxInterval", pointer + "/retry", errors);
            step = step.withRetry(new RetryPolicy(initial == null ? d.initialInterval() : initial,
                    retry.path("multiplier").asDouble(d.multiplier()), max == null ? d.maxInterval() : max,
                    retry.path("maxAttempts").asInt(d.maxAttempts()), null));
        }
        return step;
    }

    private static void unknown(JsonNode node, Set<String> known, String pointer, List<ValidationError> errors) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            String member = it.next().getKey();
            if (!known.contains(member)) {
                unknown.add(member);
            }
        }
        unknown.forEach(member -> errors.add(new ValidationError(pointer + "/" + member,
                "unknown member '" + member + "'")));
    }

    private static String text(JsonNode node, String member, String pointer, boolean required,
            List<ValidationError> errors) {
        JsonNode value = node.get(member);
        if (value == null) {
            if (required) {
                errors.add(new ValidationError(pointer + "/" + member, "'" + member + "' is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new ValidationError(pointer + "/" + member, "expected a string"));
            return null;
        }
        return value.asText();
    }

    private static Duration duration(JsonNode node, String member, String pointer, List<ValidationError> errors) {
        JsonNode value = node.get(member);
        if (value == null) {
            return null;
        }
        var parsed = value.isTextual() ? DurationFormat.parse(value.asText()) : java.util.Optional.<Duration>empty();
        if (parsed.isEmpty()) {
            errors.add(new ValidationError(pointer + "/" + member, "a duration such as 200ms, 10s, 5m or 1h"));
            return null;
        }
        return parsed.get();
    }
}
