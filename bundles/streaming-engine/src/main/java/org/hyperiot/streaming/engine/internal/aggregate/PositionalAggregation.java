package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/**
 * {@code first} and {@code last}: the value of the record with the earliest (latest) event time.
 * Choosing by event time rather than arrival makes the result independent of disorder; equal times
 * keep the earlier arrival for {@code first} and take the later one for {@code last}.
 */
final class PositionalAggregation implements Aggregation {

    static final class Positioned {
        boolean present;
        long time;
        Object value;
    }

    private final FieldReader field;
    private final boolean last;

    PositionalAggregation(String field, boolean last) {
        this.field = new FieldReader(field);
        this.last = last;
    }

    @Override
    public Object create() {
        return new Positioned();
    }

    @Override
    public Object add(Object accumulator, StreamRecord record) {
        Object value = field.read(record);
        if (value == null) {
            return accumulator;
        }
        Positioned p = (Positioned) accumulator;
        long time = record.timestamp();
        if (!p.present || (last ? time >= p.time : time < p.time)) {
            p.present = true;
            p.time = time;
            p.value = value;
        }
        return accumulator;
    }

    @Override
    public Object merge(Object first, Object second) {
        Positioned a = (Positioned) first;
        Positioned b = (Positioned) second;
        Positioned chosen;
        if (!a.present) {
            chosen = b;
        } else if (!b.present) {
            chosen = a;
        } else if (last) {
            chosen = b.time >= a.time ? b : a;
        } else {
            chosen = b.time < a.time ? b : a;
        }
        Positioned merged = new Positioned();
        merged.present = chosen.present;
        merged.time = chosen.time;
        merged.value = chosen.value;
        return merged;
    }

    @Override
    public Object result(Object accumulator) {
        return ((Positioned) accumulator).value;
    }

    @Override
    public void write(Object accumulator, StateWriter out) {
        Positioned p = (Positioned) accumulator;
        out.writeBoolean(p.present).writeLong(p.time).writeTree(p.value);
    }

    @Override
    public Object read(StateReader in) {
        Positioned p = new Positioned();
        p.present = in.readBoolean();
        p.time = in.readLong();
        p.value = in.readTree();
        return p;
    }
}
