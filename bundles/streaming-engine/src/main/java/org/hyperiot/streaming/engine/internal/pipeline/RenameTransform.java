package org.hyperiot.streaming.engine.internal.pipeline;

import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.json.FieldPath;

/** The {@code rename} operator: moves a field of an object value; records without it pass unchanged. */
public final class RenameTransform implements RecordTransform {

    private final FieldPath from;
    private final FieldPath to;

    public RenameTransform(String from, String to) {
        this.from = FieldPath.of(from);
        this.to = FieldPath.of(to);
    }

    @Override
    public void apply(StreamRecord record, Downstream out) throws Exception {
        Map<?, ?> value = ObjectValues.require(record, "rename");
        Object moved = from.get(value);
        if (moved == FieldPath.MISSING) {
            out.push(record);
            return;
        }
        out.push(record.withValue(to.with(from.without(value), moved)));
    }
}
