package org.hyperiot.streaming.engine.internal.aggregate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/**
 * The aggregates of one window operator over a row of accumulators, one per aggregate. Adding a
 * record is split in two so that a window can update several rows atomically: {@link #prepare}
 * runs the user code that may throw without touching any row, {@link #apply} then cannot fail.
 */
public final class Aggregates {

    private final Aggregation[] aggregations;
    private final String[] names;
    private final boolean anyMayFail;
    private final List<CustomAggregation> customs = new ArrayList<>();

    public Aggregates(List<AggregateSpec> specs) {
        aggregations = new Aggregation[specs.size()];
        names = new String[specs.size()];
        boolean mayFail = false;
        for (int i = 0; i < specs.size(); i++) {
            AggregateSpec spec = specs.get(i);
            names[i] = spec.as();
            aggregations[i] = switch (spec.fn()) {
                case COUNT -> new CountAggregation(spec.field());
                case SUM -> new SumAggregation(spec.field(), false);
                case AVG -> new SumAggregation(spec.field(), true);
                case MIN -> new ExtremeAggregation(spec.field(), false);
                case MAX -> new ExtremeAggregation(spec.field(), true);
                case FIRST -> new PositionalAggregation(spec.field(), false);
                case LAST -> new PositionalAggregation(spec.field(), true);
                case CUSTOM -> {
                    CustomAggregation custom = new CustomAggregation(spec.name(), spec.field());
                    customs.add(custom);
                    yield custom;
                }
            };
            mayFail |= aggregations[i].mayFail();
        }
        anyMayFail = mayFail;
    }

    /** Names of the custom aggregators these aggregates need. */
    public List<String> customNames() {
        return customs.stream().map(CustomAggregation::name).distinct().toList();
    }

    /** Binds the custom aggregators, looked up by name. */
    public void bind(Map<String, StreamAggregator> aggregators) {
        for (CustomAggregation custom : customs) {
            custom.bind(aggregators.get(custom.name()));
        }
    }

    /** A row for an empty window. */
    public Object[] create() {
        Object[] row = new Object[aggregations.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = aggregations[i].create();
        }
        return row;
    }

    /**
     * Runs the part of adding {@code record} to {@code row} that may fail, without changing the row.
     *
     * @return what {@link #apply} needs, or {@code null} when no aggregate may fail
     */
    public Object[] prepare(Object[] row, StreamRecord record) {
        if (!anyMayFail) {
            return null;
        }
        Object[] prepared = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            if (aggregations[i].mayFail()) {
                prepared[i] = aggregations[i].add(row[i], record);
            }
        }
        return prepared;
    }

    /** Completes adding {@code record} to {@code row}. */
    public void apply(Object[] row, StreamRecord record, Object[] prepared) {
        for (int i = 0; i < row.length; i++) {
            row[i] = aggregations[i].mayFail() ? prepared[i] : aggregations[i].add(row[i], record);
        }
    }

    /** A new row combining two rows, which are left unchanged. */
    public Object[] merge(Object[] first, Object[] second) {
        Object[] merged = new Object[first.length];
        for (int i = 0; i < merged.length; i++) {
            merged[i] = aggregations[i].merge(first[i], second[i]);
        }
        return merged;
    }

    /** Puts every aggregate's result under its name, in definition order. */
    public void results(Object[] row, Map<String, Object> into) {
        for (int i = 0; i < row.length; i++) {
            into.put(names[i], aggregations[i].result(row[i]));
        }
    }

    /** The number of aggregates. */
    public int size() {
        return aggregations.length;
    }

    public void write(Object[] row, StateWriter out) {
        for (int i = 0; i < row.length; i++) {
            aggregations[i].write(row[i], out);
        }
    }

    public Object[] read(StateReader in) {
        Object[] row = new Object[aggregations.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = aggregations[i].read(in);
        }
        return row;
    }
}
