package org.hyperiot.streaming.benchmark.saga;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * Reads one top-level text member of a JSON object (a log value's {@code state}, an event's
 * {@code type}) without building the rest, so that the benchmark's own readers stay cheap next to the
 * contestants they watch.
 */
final class TopLevelMember {

    private static final JsonFactory JSON = new JsonFactory();

    private TopLevelMember() {
    }

    /** The text of member {@code name} of the object in {@code value}, or null if there is none. */
    static String text(byte[] value, String name) {
        if (value == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                JsonToken token = parser.nextToken();
                if (member.equals(name) && token == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
