package org.hyperiot.streaming.benchmark.sidebyside.storm;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The stateless pipeline of the benchmark, on one record's value: a reading whose {@code temp} is a
 * number above -50 becomes {@code {"deviceId","seq","ts","temp"}} with the values it had; anything else
 * is dropped. The same output as every other contestant's, so that the benchmark checks them alike.
 */
public final class PlausibleReadingProjection {

    /** Readings at or below this are sensor faults. */
    static final double MINIMUM_PLAUSIBLE_TEMPERATURE = -50;

    private final ObjectMapper json;

    public PlausibleReadingProjection(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The projected reading as JSON, or {@code null} when the reading is not kept.
     *
     * @throws IOException if {@code value} is not JSON
     */
    public byte[] apply(byte[] value) throws IOException {
        JsonNode reading = json.readTree(value);
        JsonNode temp = reading.get("temp");
        if (temp == null || !temp.isNumber() || temp.doubleValue() <= MINIMUM_PLAUSIBLE_TEMPERATURE) {
            return null;
        }
        ObjectNode projected = json.createObjectNode();
        projected.set("deviceId", reading.get("deviceId"));
        projected.set("seq", reading.get("seq"));
        projected.set("ts", reading.get("ts"));
        projected.set("temp", temp);
        return json.writeValueAsBytes(projected);
    }
}
