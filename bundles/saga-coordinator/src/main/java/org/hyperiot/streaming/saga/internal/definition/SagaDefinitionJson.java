package org.hyperiot.streaming.saga.internal.definition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionFormat;
import org.osgi.service.component.annotations.Component;
import org.hyperiot.streaming.api.saga.SagaStage;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.engine.definition.DurationFormat;
import org.hyperiot.streaming.engine.definition.JsonPointers;

/**
 * Saga definitions in and out of JSON. Reading reports unknown members, wrong types and broken rules
 * together, each with the JSON pointer of the member at fault; writing gives JSON that reads back to an
 * equal definition, with the saga timeout always written and a step's retry policy only when it is not
 * {@link RetryPolicy#DEFAULT}. Instances are immutable and thread-safe.
 */
@Component(service = SagaDefinitionFormat.class)
public final class SagaDefinitionJson implements SagaDefinitionFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Creates the codec. */
    public SagaDefinitionJson() {
    }

    @Override
    public SagaDefinition read(String json) {
        Reading reading = parse(json);
        if (!reading.errors().isEmpty()) {
            throw new InvalidSagaDefinitionException(reading.errors());
        }
        return reading.definition();
    }

    @Override
    public List<ValidationError> validate(String json) {
        return parse(json).errors();
    }

    @Override
    public String write(SagaDefinition definition) {
        try {
            return MAPPER.writeValueAsString(toTree(definition));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("saga definition cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private record Reading(SagaDefinition definition, List<ValidationError> errors) {
    }

    private static Reading parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonNode root;
        try {
            List<ValidationError> shapeErrors = oversizedLiteralsAndNesting(bytes);
            if (!shapeErrors.isEmpty()) {
                return new Reading(null, shapeErrors);
            }
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new MalformedSagaDefinitionException("not valid JSON: " + e.getOriginalMessage() + location(e), e);
        } catch (IOException e) {
            throw new MalformedSagaDefinitionException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedSagaDefinitionException("not valid JSON: the document is empty", null);
        }
        SagaDefinitionParser parser = new SagaDefinitionParser();
        SagaDefinition definition = parser.parse(root);
        List<ValidationError> errors = new ArrayList<>(parser.errors());
        if (definition != null) {
            for (ValidationError ruleError : SagaDefinitionRules.validate(definition)) {
                // A member the parser could not read is missing from the model; do not report it twice.
                if (!coveredBy(ruleError, parser.errors())) {
                    errors.add(ruleError);
                }
            }
        }
        return new Reading(definition, List.copyOf(errors));
    }

    /**
     * Number literals longer than {@link SagaDefinitionLimits#MAX_NUMBER_LENGTH} and nesting deeper
     * than {@link SagaDefinitionLimits#MAX_NESTING_DEPTH}, found by a streaming pass before any tree is
     * built: converting a huge integer literal costs time that grows with the square of its length,
     * and a deep tree costs stack. Definitions also arrive from the saga log, which is input too.
     */
    private static List<ValidationError> oversizedLiteralsAndNesting(byte[] json) throws IOException {
        List<ValidationError> errors = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    depth++;
                    if (depth > SagaDefinitionLimits.MAX_NESTING_DEPTH) {
                        errors.add(new ValidationError(parser.getParsingContext().getParent().pathAsPointer().toString(),
                                "nested deeper than " + SagaDefinitionLimits.MAX_NESTING_DEPTH + " levels"));
                        return errors;
                    }
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token.isNumeric() && parser.getTextLength() > SagaDefinitionLimits.MAX_NUMBER_LENGTH) {
                    errors.add(new ValidationError(parser.getParsingContext().pathAsPointer().toString(),
                            "a number of " + parser.getTextLength() + " characters; numbers may have at most "
                                    + SagaDefinitionLimits.MAX_NUMBER_LENGTH));
                }
            }
        }
        return errors;
    }

    private static boolean coveredBy(ValidationError error, List<ValidationError> earlier) {
        return earlier.stream().anyMatch(e -> JsonPointers.within(error.pointer(), e.pointer()));
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static JsonNode toTree(SagaDefinition definition) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("name", definition.name());
        root.put("timeout", DurationFormat.format(definition.timeout()));
        ArrayNode steps = root.putArray("steps");
        for (SagaStage stage : definition.stages()) {
            if (stage instanceof SagaStep step) {
                steps.add(stepTree(step));
            } else if (stage instanceof ParallelGroup group) {
                ArrayNode members = steps.addObject().putArray("parallel");
                group.steps().forEach(step -> members.add(stepTree(step)));
            }
        }
        return root;
    }

    private static ObjectNode stepTree(SagaStep step) {
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
            ObjectNode retryNode = node.putObject("retry");
            retryNode.put("initialInterval", DurationFormat.format(retry.initialInterval()));
            double multiplier = retry.multiplier();
            // A whole multiplier is written as the integer it is ("multiplier": 2), as people write it.
            if (multiplier == Math.rint(multiplier) && Math.abs(multiplier) < 1e15) {
                retryNode.put("multiplier", (long) multiplier);
            } else {
                retryNode.put("multiplier", multiplier);
            }
            retryNode.put("maxInterval", DurationFormat.format(retry.maxInterval()));
            retryNode.put("maxAttempts", retry.maxAttempts());
            if (!retry.nonRetryableCodes().isEmpty()) {
                ArrayNode codes = retryNode.putArray("nonRetryableCodes");
                retry.nonRetryableCodes().forEach(codes::add);
            }
        }
        return node;
    }
}
