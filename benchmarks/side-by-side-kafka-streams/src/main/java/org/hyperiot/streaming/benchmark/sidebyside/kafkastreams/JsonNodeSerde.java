package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for JSON record values as Jackson trees. A {@code null} value (a tombstone) stays {@code null}
 * in both directions; bytes that are not JSON fail with a {@link SerializationException}, which Kafka
 * Streams hands to its deserialization exception handler.
 *
 * <p>Has a public no-argument constructor so that it can be named in {@code default.value.serde}.
 */
public final class JsonNodeSerde implements Serde<JsonNode> {

    // ObjectReader and ObjectWriter are immutable and thread-safe: one pair serves every stream thread.
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader READER = MAPPER.reader();
    private static final ObjectWriter WRITER = MAPPER.writer();

    private static final Serializer<JsonNode> SERIALIZER = (topic, node) -> {
        if (node == null) {
            return null;
        }
        try {
            return WRITER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new SerializationException("Cannot write JSON for topic " + topic, e);
        }
    };

    private static final Deserializer<JsonNode> DESERIALIZER = (topic, bytes) -> {
        if (bytes == null) {
            return null;
        }
        try {
            return READER.readTree(bytes);
        } catch (IOException e) {
            throw new SerializationException("Record value in topic " + topic + " is not JSON", e);
        }
    };

    @Override
    public Serializer<JsonNode> serializer() {
        return SERIALIZER;
    }

    @Override
    public Deserializer<JsonNode> deserializer() {
        return DESERIALIZER;
    }
}
