package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.json.FieldPath;

/** The value an aggregate reads from a record: a field, or the whole value when no field is set. */
final class FieldReader {

    private final FieldPath path;

    FieldReader(String field) {
        this.path = field == null ? null : FieldPath.of(field);
    }

    /** The value, or {@code null} when the field is missing or JSON null (such records are skipped). */
    Object read(StreamRecord record) {
        if (path == null) {
            return record.value();
        }
        Object value = path.get(record.value());
        return value == FieldPath.MISSING ? null : value;
    }
}
