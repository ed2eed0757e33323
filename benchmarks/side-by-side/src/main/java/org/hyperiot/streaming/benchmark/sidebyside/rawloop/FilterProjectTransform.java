package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Keeps readings with {@code temp > -50}, and of them only deviceId, seq, ts and temp. */
final class FilterProjectTransform implements RecordTransform {

    private final ObjectMapper json;

    FilterProjectTransform(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void process(int partition, byte[] key, byte[] value, Output output) throws IOException {
        JsonNode reading = json.readTree(value);
        JsonNode temp = reading.get("temp");
        if (temp == null || !temp.isNumber() || temp.doubleValue() <= -50) {
            return;
        }
        ObjectNode projected = json.createObjectNode();
        projected.set("deviceId", reading.get("deviceId"));
        projected.set("seq", reading.get("seq"));
        projected.set("ts", reading.get("ts"));
        projected.set("temp", temp);
        output.send(key, json.writeValueAsBytes(projected));
    }
}
