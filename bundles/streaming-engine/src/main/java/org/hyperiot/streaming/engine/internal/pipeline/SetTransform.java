package org.hyperiot.streaming.engine.internal.pipeline;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.json.FieldPath;

/** The {@code set} operator: stores a constant at a field of an object value. */
public final class SetTransform implements RecordTransform {

    private final FieldPath field;
    private final Object value;

    public SetTransform(String field, Object value) {
        this.field = FieldPath.of(field);
        this.value = value;
    }

    @Override
    public void apply(StreamRecord record, Downstream out) throws Exception {
        out.push(record.withValue(field.with(ObjectValues.require(record, "set"), value)));
    }
}
