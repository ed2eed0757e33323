package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.function.Consumer;
import org.hyperiot.streaming.api.ProcessorInfo;
import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.AggregateFunction;
import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessorOperator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.ProcessorRegistry;

/**
 * The processors and aggregators of this node, as the engine's {@link ProcessorRegistry}, plus
 * whether one is registered without taking an instance of it.
 */
public interface ProcessorCatalog extends ProcessorRegistry {

    boolean hasProcessor(String name);

    boolean hasAggregator(String name);

    /** Every registered processor and aggregator, ordered by name. */
    List<ProcessorInfo> list();

    /**
     * Calls {@code listener} with the name of a processor or aggregator whose service is going away,
     * before it goes: streams using it must stop calling it by the time the listener returns.
     */
    void addRemovalListener(Consumer<String> listener);

    void removeRemovalListener(Consumer<String> listener);

    /** The processors and aggregators {@code definition} names that are not registered, by name. */
    default List<String> missing(StreamDefinition definition) {
        List<String> missing = new ArrayList<>();
        for (Operator operator : definition.pipeline()) {
            if (operator instanceof ProcessorOperator processor && !hasProcessor(processor.name())) {
                missing.add(processor.name());
            } else if (operator instanceof WindowOperator window) {
                for (AggregateSpec aggregate : window.aggregates()) {
                    if (aggregate.fn() == AggregateFunction.CUSTOM && !hasAggregator(aggregate.name())) {
                        missing.add(aggregate.name());
                    }
                }
            }
        }
        return missing;
    }

    /**
     * The processors and aggregators {@code definition} names that are not registered, as validation
     * errors pointing at where the definition names them.
     */
    default List<ValidationError> unregistered(StreamDefinition definition) {
        List<ValidationError> errors = new ArrayList<>();
        List<Operator> pipeline = definition.pipeline();
        for (int i = 0; i < pipeline.size(); i++) {
            if (pipeline.get(i) instanceof ProcessorOperator processor && !hasProcessor(processor.name())) {
                errors.add(new ValidationError("/pipeline/" + i + "/name",
                        "no processor '" + processor.name() + "' is registered; install its bundle first"));
            } else if (pipeline.get(i) instanceof WindowOperator window) {
                List<AggregateSpec> aggregates = window.aggregates();
                for (int j = 0; j < aggregates.size(); j++) {
                    AggregateSpec aggregate = aggregates.get(j);
                    if (aggregate.fn() == AggregateFunction.CUSTOM && !hasAggregator(aggregate.name())) {
                        errors.add(new ValidationError("/pipeline/" + i + "/aggregate/" + j + "/name",
                                "no aggregator '" + aggregate.name() + "' is registered; install its bundle first"));
                    }
                }
            }
        }
        return errors;
    }

    /** Whether {@code definition} uses the processor or aggregator called {@code name}. */
    static boolean uses(StreamDefinition definition, String name) {
        for (Operator operator : definition.pipeline()) {
            if (operator instanceof ProcessorOperator processor && processor.name().equals(name)) {
                return true;
            }
            if (operator instanceof WindowOperator window && window.aggregates().stream()
                    .anyMatch(a -> a.fn() == AggregateFunction.CUSTOM && name.equals(a.name()))) {
                return true;
            }
        }
        return false;
    }
}
