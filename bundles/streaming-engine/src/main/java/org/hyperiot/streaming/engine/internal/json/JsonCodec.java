package org.hyperiot.streaming.engine.internal.json;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine's one JSON configuration for record values: JSON text to and from trees of
 * {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Long}, {@code Double},
 * {@code Boolean} and {@code null}. Integers are read as {@code Long} so that a value read from a topic
 * equals the same value written in a stream definition or in Java; an integer beyond a {@code long} is
 * refused, so such a record is a poison record, not a rounded one. A key given twice keeps its last value.
 *
 * <p>Every record is read and written once, so both go straight through Jackson's parser and generator
 * rather than its data binding, whose per-call context and per-value serializer lookups cost more than
 * the small trees of telemetry themselves (the side-by-side benchmark's profile put reading and writing
 * at half of a stream thread's time). What the tree writer does not know (a processor's own objects,
 * other number types, maps with keys that are not text) it hands to data binding, so the text is the
 * same as data binding writes.
 */
public final class JsonCodec {

    /** Shared and thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonCodec() {
    }

    /**
     * Parses JSON text, one value with nothing but whitespace after it, into a tree.
     *
     * @throws IOException when the text is not one JSON value
     */
    public static Object read(byte[] json) throws IOException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new JsonParseException(parser, "No content: the text holds no JSON value");
            }
            Object value = value(parser, first);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (" + trailing + ") after the JSON value");
            }
            return value;
        }
    }

    /** Writes a tree as compact UTF-8 JSON. */
    public static byte[] write(Object tree) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(FACTORY._getBufferRecycler());
        try (JsonGenerator out = FACTORY.createGenerator(bytes)) {
            write(out, tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            // Only an output stream can fail with more than a JsonProcessingException, and this one is memory.
            throw new IllegalStateException(e);
        }
        byte[] json = bytes.toByteArray();
        bytes.release();
        return json;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT:
                Map<String, Object> object = new LinkedHashMap<>();
                String name;
                while ((name = parser.nextFieldName()) != null) {
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            case START_ARRAY:
                List<Object> array = new ArrayList<>();
                JsonToken element;
                while ((element = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(value(parser, element));
                }
                return array;
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                // getLongValue refuses a number beyond a long rather than rounding it.
                return parser.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return parser.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonParseException(parser, "Unexpected token (" + token + ")");
        }
    }

    private static void write(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Long number) {
            out.writeNumber(number.longValue());
        } else if (value instanceof Double number) {
            out.writeNumber(number.doubleValue());
        } else if (value instanceof Boolean bool) {
            out.writeBoolean(bool);
        } else if (value instanceof Integer number) {
            out.writeNumber(number.intValue());
        } else if (value instanceof BigDecimal number) {
            out.writeNumber(number);
        } else if (value instanceof BigInteger number) {
            out.writeNumber(number);
        } else if (value instanceof Map<?, ?> map && textKeys(map)) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName((String) entry.getKey());
                write(out, entry.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                write(out, element);
            }
            out.writeEndArray();
        } else {
            MAPPER.writeValue(out, value);
        }
    }

    private static boolean textKeys(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }
}
