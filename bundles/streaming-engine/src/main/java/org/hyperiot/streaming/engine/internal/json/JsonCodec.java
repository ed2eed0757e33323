package org.hyperiot.streaming.engine.internal.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * The engine's one Jackson configuration for record values: JSON text to and from trees of
 * {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Long}, {@code Double},
 * {@code Boolean} and {@code null}. Integers are read as {@code Long} so that a value read from a topic
 * equals the same value written in a stream definition or in Java; an integer beyond a {@code long} is
 * refused (Jackson's {@code USE_LONG_FOR_INTS} reads it with {@code getLongValue}), so such a record is
 * a poison record, not a rounded one.
 */
public final class JsonCodec {

    /** Shared and thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final ObjectReader TREE_READER = MAPPER.readerFor(Object.class);
    private static final ObjectWriter WRITER = MAPPER.writer();

    private JsonCodec() {
    }

    /** Parses JSON text into a tree. */
    public static Object read(byte[] json) throws IOException {
        return TREE_READER.readValue(json);
    }

    /** Writes a tree as compact UTF-8 JSON. */
    public static byte[] write(Object tree) {
        try {
            return WRITER.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("value cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
