package org.hyperiot.streaming.runtime.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON form of a {@link StoredStream} in the definitions topic. What is read back is treated as
 * untrusted: anyone with write access to the topic can put anything there, and one bad record must
 * not make every request about streams fail. A record that is not JSON, whose definition is invalid,
 * or whose definition's name is not its key is skipped, and said once per record in the log.
 */
final class StoredStreamCodec {

    private static final Logger LOG = LoggerFactory.getLogger(StoredStreamCodec.class);
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final StreamDefinitionReader reader = new StreamDefinitionReader();
    private final StreamDefinitionWriter writer = new StreamDefinitionWriter();
    /** The skipped record of each key, so that each is logged once and not at every read. */
    private final Map<String, Integer> skipped = new ConcurrentHashMap<>();

    byte[] encode(StoredStream stream) {
        try {
            ObjectNode node = JSON.createObjectNode();
            node.set("definition", JSON.readTree(writer.write(stream.definition())));
            node.put("desired", stream.desired().name());
            node.put("generation", stream.generation());
            node.put("updatedAt", stream.updatedAt());
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stream stored under {@code key}, or empty when the record cannot be one (logged once). */
    Optional<StoredStream> decode(String key, byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (node == null || !node.path("definition").isObject()) {
                return skip(key, value, "no definition object");
            }
            StoredStream stream = new StoredStream(reader.read(JSON.writeValueAsString(node.get("definition"))),
                    StoredStream.Desired.valueOf(node.path("desired").asText("STOPPED")),
                    node.path("generation").asLong(0), node.path("updatedAt").asLong(0));
            if (!stream.definition().name().equals(key)) {
                return skip(key, value, "its definition is named '" + stream.definition().name() + "'");
            }
            skipped.remove(key);
            return Optional.of(stream);
        } catch (IOException | RuntimeException e) {
            return skip(key, value, e.getMessage());
        }
    }

    private Optional<StoredStream> skip(String key, byte[] value, String why) {
        int content = Arrays.hashCode(value);
        Integer previous = skipped.put(key, content);
        if (previous == null || previous != content) {
            String shown = new String(value, 0, Math.min(value.length, 200), StandardCharsets.UTF_8);
            LOG.warn("Skipped the stored stream '{}' of the definitions topic, which is not a valid stream ({}): {}",
                    key, why, shown);
        }
        return Optional.empty();
    }
}
