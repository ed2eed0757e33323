package org.hyperiot.streaming.engine.definition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.internal.definition.DefinitionParser;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;

/**
 * Reads stream definitions from JSON. Unknown members, duplicate members, wrong types, unknown
 * names and broken rules are all reported together, each with the JSON pointer of the member at
 * fault. Instances are immutable and thread-safe.
 */
public final class StreamDefinitionReader {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Creates a reader. */
    public StreamDefinitionReader() {
    }

    /**
     * Reads and validates a definition.
     *
     * @throws MalformedStreamDefinitionException if the text is not JSON
     * @throws InvalidStreamDefinitionException   if the JSON is not a valid stream definition
     */
    public StreamDefinition read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads and validates a definition from UTF-8 JSON bytes; see {@link #read(String)}. */
    public StreamDefinition read(byte[] json) {
        ParseResult result = parse(json);
        if (!result.errors.isEmpty()) {
            throw new InvalidStreamDefinitionException(result.errors);
        }
        return result.definition;
    }

    /** Reads and validates a definition from a stream of UTF-8 JSON; see {@link #read(String)}. */
    public StreamDefinition read(InputStream json) throws IOException {
        return read(json.readAllBytes());
    }

    /**
     * Every problem of a definition, for a "validate" request: empty when it is valid.
     *
     * @throws MalformedStreamDefinitionException if the text is not JSON
     */
    public List<ValidationError> validate(byte[] json) {
        return parse(json).errors;
    }

    /** As {@link #validate(byte[])}, for text. */
    public List<ValidationError> validate(String json) {
        return validate(json.getBytes(StandardCharsets.UTF_8));
    }

    private record ParseResult(StreamDefinition definition, List<ValidationError> errors) {
    }

    private static ParseResult parse(byte[] json) {
        JsonNode root;
        try {
            List<ValidationError> literalErrors = overlongNumbers(json);
            if (!literalErrors.isEmpty()) {
                return new ParseResult(null, literalErrors);
            }
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedStreamDefinitionException("not valid JSON: " + e.getOriginalMessage()
                    + location(e), e);
        } catch (IOException e) {
            throw new MalformedStreamDefinitionException("not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new MalformedStreamDefinitionException("not valid JSON: the document is empty", null);
        }
        DefinitionParser parser = new DefinitionParser();
        StreamDefinition definition = parser.parse(root);
        List<ValidationError> errors = new ArrayList<>(parser.errors());
        if (definition != null) {
            List<ValidationError> ruleErrors = new ArrayList<>();
            DefinitionRules.check(definition, parser::operatorPointer, ruleErrors);
            for (ValidationError ruleError : ruleErrors) {
                // A member the parser already rejected is missing from the model; do not report it twice.
                if (!coveredBy(ruleError, parser.errors())) {
                    errors.add(ruleError);
                }
            }
        }
        return new ParseResult(definition, errors);
    }

    /**
     * Number literals longer than {@link DefinitionLimits#MAX_NUMBER_LENGTH}, found by a streaming
     * pass that never converts them: building a tree converts a big integer at a cost that grows with
     * the square of its length (seconds for a 1 MB literal), so the document is refused before that.
     */
    private static List<ValidationError> overlongNumbers(byte[] json) throws IOException {
        List<ValidationError> errors = new ArrayList<>();
        try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if ((token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT)
                        && parser.getTextLength() > DefinitionLimits.MAX_NUMBER_LENGTH) {
                    errors.add(new ValidationError(parser.getParsingContext().pathAsPointer().toString(),
                            "a number of " + parser.getTextLength() + " characters; numbers may have at most "
                                    + DefinitionLimits.MAX_NUMBER_LENGTH));
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
}
