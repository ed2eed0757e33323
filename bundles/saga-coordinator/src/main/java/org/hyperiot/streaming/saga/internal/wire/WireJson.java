package org.hyperiot.streaming.saga.internal.wire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.saga.internal.machine.SagaData;

/**
 * The JSON plumbing the wire formats share. What a node reads back from the coordinator's topics is
 * input like any other: every reader goes through {@link #member} and friends, which refuse a missing
 * member or a member of the wrong type with a {@link MalformedRecordException} naming it.
 */
final class WireJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WireJson() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }

    static ObjectNode parseObject(byte[] value, String what) {
        if (value == null) {
            throw new MalformedRecordException(what + " has no value");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(value);
        } catch (IOException e) {
            throw new MalformedRecordException(what + " is not JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedRecordException(what + " is not a JSON object");
        }
        return object;
    }

    static ObjectNode parseObject(String value, String what) {
        return parseObject(value == null ? null : value.getBytes(StandardCharsets.UTF_8), what);
    }

    static JsonNode member(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            throw new MalformedRecordException("member '" + name + "' is missing");
        }
        return value;
    }

    static String text(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isTextual()) {
            throw new MalformedRecordException("member '" + name + "' is not a string");
        }
        return value.asText();
    }

    static String optionalText(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? null : text(parent, name);
    }

    static int integer(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new MalformedRecordException("member '" + name + "' is not an integer");
        }
        return value.intValue();
    }

    static long longInteger(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new MalformedRecordException("member '" + name + "' is not an integer");
        }
        return value.longValue();
    }

    static boolean bool(JsonNode parent, String name) {
        JsonNode value = member(parent, name);
        if (!value.isBoolean()) {
            throw new MalformedRecordException("member '" + name + "' is not a boolean");
        }
        return value.booleanValue();
    }

    static Instant instant(JsonNode parent, String name) {
        String text = text(parent, name);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedRecordException("member '" + name + "' is not an instant: " + text);
        }
    }

    static Instant optionalInstant(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        return value == null || value.isNull() ? null : instant(parent, name);
    }

    static <E extends Enum<E>> E constant(JsonNode parent, String name, Class<E> type) {
        String text = text(parent, name);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("member '" + name + "' has no meaning: " + text);
        }
    }

    /** A JSON object member as saga data; a missing or null member gives an empty map. */
    static Map<String, Object> data(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new MalformedRecordException("member '" + name + "' is not an object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = MAPPER.convertValue(value, Map.class);
        return SagaData.copyOf(map);
    }

    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
