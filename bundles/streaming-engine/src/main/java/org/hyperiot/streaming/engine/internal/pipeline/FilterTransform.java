package org.hyperiot.streaming.engine.internal.pipeline;

import java.util.function.Predicate;

import org.hyperiot.streaming.api.StreamRecord;

/** The {@code filter} operator: passes a record on only when its value matches the condition. */
public final class FilterTransform implements RecordTransform {

    private final Predicate<Object> condition;

    public FilterTransform(Predicate<Object> condition) {
        this.condition = condition;
    }

    @Override
    public void apply(StreamRecord record, Downstream out) throws Exception {
        if (condition.test(record.value())) {
            out.push(record);
        }
    }
}
