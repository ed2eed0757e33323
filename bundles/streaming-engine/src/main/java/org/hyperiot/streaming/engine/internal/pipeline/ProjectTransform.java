package org.hyperiot.streaming.engine.internal.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.json.FieldPath;

/** The {@code project} operator: keeps the listed fields of an object value, in the order listed. */
public final class ProjectTransform implements RecordTransform {

    private final FieldPath[] fields;

    public ProjectTransform(List<String> fields) {
        this.fields = fields.stream().map(FieldPath::of).toArray(FieldPath[]::new);
    }

    @Override
    public void apply(StreamRecord record, Downstream out) throws Exception {
        Map<?, ?> value = ObjectValues.require(record, "project");
        Map<String, Object> projected = new LinkedHashMap<>(Math.max(4, fields.length * 2));
        for (FieldPath field : fields) {
            field.copyInto(value, projected);
        }
        out.push(record.withValue(projected));
    }
}
