package org.hyperiot.streaming.engine.internal.pipeline;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.json.FieldPath;
import org.hyperiot.streaming.engine.internal.json.JsonValues;

/**
 * The {@code keyBy} operator: the field's value, as a string, becomes the record key. A missing field
 * or a JSON {@code null} gives a {@code null} key, which windows treat as one more group.
 */
public final class KeyByTransform implements RecordTransform {

    private final FieldPath field;

    public KeyByTransform(String field) {
        this.field = FieldPath.of(field);
    }

    @Override
    public void apply(StreamRecord record, Downstream out) throws Exception {
        Object value = field.get(record.value());
        out.push(record.withKey(value == FieldPath.MISSING ? null : JsonValues.asKey(value)));
    }
}
