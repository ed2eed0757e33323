package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.json.JsonValues;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/** {@code min} and {@code max} of the numeric values of a field; the result keeps the value's number type. */
final class ExtremeAggregation implements Aggregation {

    static final class Extreme {
        Number best;
    }

    private final FieldReader field;
    private final int direction;

    ExtremeAggregation(String field, boolean maximum) {
        this.field = new FieldReader(field);
        this.direction = maximum ? 1 : -1;
    }

    @Override
    public Object create() {
        return new Extreme();
    }

    @Override
    public Object add(Object accumulator, StreamRecord record) {
        if (field.read(record) instanceof Number n && !(n instanceof Double d && d.isNaN())) {
            Extreme extreme = (Extreme) accumulator;
            if (extreme.best == null || Integer.signum(JsonValues.compareNumbers(n, extreme.best)) == direction) {
                extreme.best = n;
            }
        }
        return accumulator;
    }

    @Override
    public Object merge(Object first, Object second) {
        Number a = ((Extreme) first).best;
        Number b = ((Extreme) second).best;
        Extreme merged = new Extreme();
        if (a == null) {
            merged.best = b;
        } else if (b == null) {
            merged.best = a;
        } else {
            merged.best = Integer.signum(JsonValues.compareNumbers(b, a)) == direction ? b : a;
        }
        return merged;
    }

    @Override
    public Object result(Object accumulator) {
        return ((Extreme) accumulator).best;
    }

    @Override
    public void write(Object accumulator, StateWriter out) {
        out.writeTree(((Extreme) accumulator).best);
    }

    @Override
    public Object read(StateReader in) {
        Extreme extreme = new Extreme();
        extreme.best = (Number) in.readTree();
        return extreme;
    }
}
