package org.hyperiot.streaming.example.storm.internal;

import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the threshold bolt decides for one reading, as plain Java: an alert, nothing, or the reason the
 * reading is not one. A reading is a JSON object with a text {@code deviceId} and a number {@code temp}.
 */
final class Readings {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome for one record: {@code alert} set, or {@code invalid} set, or neither (below the threshold). */
    record Verdict(String deviceId, Optional<String> alert, Optional<String> invalid) {
    }

    private Readings() {
    }

    static Verdict check(String value, double threshold) {
        if (value == null) {
            return invalid("the record has no value");
        }
        JsonNode reading;
        try {
            reading = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            return invalid("not JSON: " + e.getOriginalMessage());
        }
        if (reading == null || !reading.isObject()) {
            return invalid("not a JSON object");
        }
        JsonNode device = reading.get("deviceId");
        JsonNode temp = reading.get("temp");
        if (device == null || !device.isTextual() || device.asText().isBlank()) {
            return invalid("deviceId is missing or not a text");
        }
        if (temp == null || !temp.isNumber()) {
            return new Verdict(device.asText(), Optional.empty(), Optional.of("temp is missing or not a number"));
        }
        if (temp.doubleValue() <= threshold) {
            return new Verdict(device.asText(), Optional.empty(), Optional.empty());
        }
        ObjectNode alert = JSON.createObjectNode();
        alert.put("deviceId", device.asText());
        alert.put("temp", temp.doubleValue());
        alert.put("threshold", threshold);
        if (reading.has("ts")) {
            alert.set("ts", reading.get("ts"));
        }
        return new Verdict(device.asText(), Optional.of(alert.toString()), Optional.empty());
    }

    /** The JSON written to the invalid-readings topic: the reason and the record as read. */
    static String invalidRecord(String reason, String value) {
        ObjectNode rejected = JSON.createObjectNode();
        rejected.put("error", reason);
        rejected.put("value", value);
        return rejected.toString();
    }

    private static Verdict invalid(String reason) {
        return new Verdict(null, Optional.empty(), Optional.of(reason));
    }
}
