package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.hyperiot.streaming.api.AggregateFunction;
import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessorInfo;
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
        return references(definition).stream().filter(reference -> !isRegistered(reference))
                .map(Reference::name).toList();
    }

    /**
     * The processors and aggregators {@code definition} names that are not registered, as validation
     * errors pointing at where the definition names them.
     */
    default List<ValidationError> unregistered(StreamDefinition definition) {
        return references(definition).stream().filter(reference -> !isRegistered(reference))
                .map(reference -> new ValidationError(reference.pointer(), "no " + reference.kind() + " '"
                        + reference.name() + "' is registered; install its bundle first"))
                .toList();
    }

    private boolean isRegistered(Reference reference) {
        return reference.kind().equals(Reference.PROCESSOR) ? hasProcessor(reference.name())
                : hasAggregator(reference.name());
    }

    /** Whether {@code definition} uses the processor or aggregator called {@code name}. */
    static boolean uses(StreamDefinition definition, String name) {
        return references(definition).stream().anyMatch(reference -> name.equals(reference.name()));
    }

    /**
     * Where a definition names a custom processor or aggregator.
     *
     * @param pointer the JSON pointer of the name in the definition
     * @param kind    {@link #PROCESSOR} or {@link #AGGREGATOR}
     */
    record Reference(String pointer, String kind, String name) {

        static final String PROCESSOR = "processor";
        static final String AGGREGATOR = "aggregator";
    }

    /** Every custom processor and aggregator {@code definition} names, in the order it names them. */
    static List<Reference> references(StreamDefinition definition) {
        List<Reference> references = new ArrayList<>();
        List<Operator> pipeline = definition.pipeline();
        for (int i = 0; i < pipeline.size(); i++) {
            if (pipeline.get(i) instanceof ProcessorOperator processor) {
                references.add(new Reference("/pipeline/" + i + "/name", Reference.PROCESSOR, processor.name()));
            } else if (pipeline.get(i) instanceof WindowOperator window) {
                List<AggregateSpec> aggregates = window.aggregates();
                for (int j = 0; j < aggregates.size(); j++) {
                    if (aggregates.get(j).fn() == AggregateFunction.CUSTOM) {
                        references.add(new Reference("/pipeline/" + i + "/aggregate/" + j + "/name",
                                Reference.AGGREGATOR, aggregates.get(j).name()));
                    }
                }
            }
        }
        return references;
    }
}
