package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/** {@code count}: records, or records that have the field. */
final class CountAggregation implements Aggregation {

    static final class Count {
        long n;
    }

    private final FieldReader field;

    CountAggregation(String field) {
        this.field = field == null ? null : new FieldReader(field);
    }

    @Override
    public Object create() {
        return new Count();
    }

    @Override
    public Object add(Object accumulator, StreamRecord record) {
        if (field == null || field.read(record) != null) {
            ((Count) accumulator).n++;
        }
        return accumulator;
    }

    @Override
    public Object merge(Object first, Object second) {
        Count merged = new Count();
        merged.n = ((Count) first).n + ((Count) second).n;
        return merged;
    }

    @Override
    public Object result(Object accumulator) {
        return ((Count) accumulator).n;
    }

    @Override
    public void write(Object accumulator, StateWriter out) {
        out.writeLong(((Count) accumulator).n);
    }

    @Override
    public Object read(StateReader in) {
        Count count = new Count();
        count.n = in.readLong();
        return count;
    }
}
