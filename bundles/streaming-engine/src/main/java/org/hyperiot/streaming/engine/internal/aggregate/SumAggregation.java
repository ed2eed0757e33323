package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/** {@code sum} and {@code avg} of the numeric values of a field. */
final class SumAggregation implements Aggregation {

    private final FieldReader field;
    private final boolean average;

    SumAggregation(String field, boolean average) {
        this.field = new FieldReader(field);
        this.average = average;
    }

    @Override
    public Object create() {
        return new NumericSum();
    }

    @Override
    public Object add(Object accumulator, StreamRecord record) {
        if (field.read(record) instanceof Number n) {
            ((NumericSum) accumulator).add(n);
        }
        return accumulator;
    }

    @Override
    public Object merge(Object first, Object second) {
        NumericSum merged = new NumericSum();
        merged.addAll((NumericSum) first);
        merged.addAll((NumericSum) second);
        return merged;
    }

    @Override
    public Object result(Object accumulator) {
        NumericSum sum = (NumericSum) accumulator;
        if (sum.count == 0) {
            return null;
        }
        return average ? sum.totalAsDouble() / sum.count : sum.total();
    }

    @Override
    public void write(Object accumulator, StateWriter out) {
        ((NumericSum) accumulator).write(out);
    }

    @Override
    public Object read(StateReader in) {
        return NumericSum.read(in);
    }
}
