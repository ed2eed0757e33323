package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/** A user's {@link StreamAggregator}, bound when the task opens. */
final class CustomAggregation implements Aggregation {

    private final String name;
    private final FieldReader field;
    private StreamAggregator aggregator;

    CustomAggregation(String name, String field) {
        this.name = name;
        this.field = new FieldReader(field);
    }

    String name() {
        return name;
    }

    void bind(StreamAggregator bound) {
        this.aggregator = bound;
    }

    private StreamAggregator aggregator() {
        if (aggregator == null) {
            throw new IllegalStateException("aggregator '" + name + "' is not bound; open the task first");
        }
        return aggregator;
    }

    @Override
    public Object create() {
        return aggregator().createAccumulator();
    }

    @Override
    public Object add(Object accumulator, StreamRecord record) {
        Object value = field.read(record);
        return value == null ? accumulator : aggregator().add(accumulator, value);
    }

    @Override
    public Object merge(Object first, Object second) {
        return aggregator().merge(first, second);
    }

    @Override
    public Object result(Object accumulator) {
        return aggregator().result(accumulator);
    }

    @Override
    public boolean mayFail() {
        return true;
    }

    @Override
    public void write(Object accumulator, StateWriter out) {
        out.writeTree(accumulator);
    }

    @Override
    public Object read(StateReader in) {
        return in.readTree();
    }
}
