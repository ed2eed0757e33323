package org.hyperiot.streaming.example.saga.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads effect record values with a real JSON parser. */
final class Effects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Effects() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
