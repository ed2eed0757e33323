package org.hyperiot.streaming.engine.internal.pipeline;

import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;

/** The check shared by the operators that rewrite a JSON object value. */
final class ObjectValues {

    private ObjectValues() {
    }

    static Map<?, ?> require(StreamRecord record, String op) {
        if (record.value() instanceof Map<?, ?> object) {
            return object;
        }
        String kind = record.value() == null ? "null" : record.value().getClass().getSimpleName();
        throw new IllegalArgumentException("operator '" + op + "' needs a JSON object value, got " + kind);
    }
}
