package org.hyperiot.streaming.benchmark.saga;

import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The value of a start event on a contestant's events topic, keyed by the saga id. Each carries a
 * request id (as every start the node's REST API sends does) and the saga's input.
 */
@FunctionalInterface
public interface StartEvents {

    byte[] encode(long index);

    /**
     * The coordinator's {@code CoordinatorEvent.Start} as {@code CoordinatorEventCodec} writes it:
     * {@code {"type":"start","requestId":…,"definition":{…},"input":{…}}}; a start carries the
     * definition as the requesting node had it, here as the node answered {@code POST /saga-definitions}.
     */
    static StartEvents hyperIot(ObjectMapper json, JsonNode definition) {
        return index -> {
            ObjectNode start = json.createObjectNode().put("type", "start")
                    .put("requestId", UUID.randomUUID().toString());
            start.set("definition", definition);
            start.set("input", BenchmarkSaga.input(json, index));
            return bytes(json, start);
        };
    }

    /** The raw loop's: its steps are in its code, so a start carries only the request id and the input. */
    static StartEvents rawLoop(ObjectMapper json) {
        return index -> {
            ObjectNode start = json.createObjectNode().put("type", "start")
                    .put("requestId", UUID.randomUUID().toString());
            start.set("input", BenchmarkSaga.input(json, index));
            return bytes(json, start);
        };
    }

    private static byte[] bytes(ObjectMapper json, JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
