package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.List;
import java.util.function.Consumer;

import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.definition.OperatorDeclarations;

/**
 * The processors and aggregators of this node, as the engine's {@link ProcessorRegistry}, plus
 * whether one is registered without taking an instance of it. Which of them a definition names is
 * the engine's answer ({@link OperatorDeclarations#references}), so a new operator that names one
 * needs no change here.
 */
public interface ProcessorCatalog extends ProcessorRegistry {

    /** Whether a processor is registered under {@code name}. */
    boolean hasProcessor(String name);

    /** Whether an aggregator is registered under {@code name}. */
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
        return OperatorDeclarations.references(definition).stream().filter(reference -> !isRegistered(reference))
                .map(ExtensionReference::name).toList();
    }

    /**
     * The processors and aggregators {@code definition} names that are not registered, as validation
     * errors pointing at where the definition names them.
     */
    default List<ValidationError> unregistered(StreamDefinition definition) {
        return OperatorDeclarations.references(definition).stream().filter(reference -> !isRegistered(reference))
                .map(reference -> new ValidationError(reference.pointer(), "no " + reference.kind().word() + " '"
                        + reference.name() + "' is registered; install its bundle first"))
                .toList();
    }

    /** Whether {@code definition} uses the processor or aggregator called {@code name}. */
    static boolean uses(StreamDefinition definition, String name) {
        return OperatorDeclarations.uses(definition, name);
    }

    private boolean isRegistered(ExtensionReference reference) {
        return switch (reference.kind()) {
            case PROCESSOR -> hasProcessor(reference.name());
            case AGGREGATOR -> hasAggregator(reference.name());
        };
    }
}
