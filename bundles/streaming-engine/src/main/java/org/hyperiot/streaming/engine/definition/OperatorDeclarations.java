package org.hyperiot.streaming.engine.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;
import org.hyperiot.streaming.engine.internal.operator.WindowDeclaration;

/**
 * What the engine's operator declarations tell other bundles about a definition: the operators it
 * knows and the custom processors and aggregators a definition needs. The engine declares each
 * operator once (its JSON form, rules and execution); runtimes and compilers ask here rather than
 * walking the pipeline themselves, so that a new operator needs no change outside the engine.
 */
public final class OperatorDeclarations {

    private OperatorDeclarations() {
    }

    /** The JSON names ({@code op}) of every operator, in the order the contract lists them. */
    public static List<String> names() {
        return DeclaredOperators.names();
    }

    /** Every custom processor and aggregator the definition names, in document order, with its pointer. */
    public static List<ExtensionReference> references(StreamDefinition definition) {
        return DeclaredOperators.references(definition);
    }

    /** The names of the custom processors the definition uses, in document order. */
    public static Set<String> referencedProcessors(StreamDefinition definition) {
        return names(definition, ExtensionReference.Kind.PROCESSOR);
    }

    /** The names of the custom aggregators the definition uses, in document order. */
    public static Set<String> referencedAggregators(StreamDefinition definition) {
        return names(definition, ExtensionReference.Kind.AGGREGATOR);
    }

    /** Whether the definition uses a processor or an aggregator registered under {@code name}. */
    public static boolean uses(StreamDefinition definition, String name) {
        return references(definition).stream().anyMatch(reference -> reference.name().equals(name));
    }

    /**
     * Whether the operator keeps state in windows: it ends the pipeline, and a runtime must route
     * records of one key to one task before it and checkpoint what it holds.
     */
    public static boolean keepsWindowState(Operator operator) {
        return DeclaredOperators.of(operator) instanceof WindowDeclaration;
    }

    private static Set<String> names(StreamDefinition definition, ExtensionReference.Kind kind) {
        Set<String> names = new LinkedHashSet<>();
        for (ExtensionReference reference : references(definition)) {
            if (reference.kind() == kind) {
                names.add(reference.name());
            }
        }
        return names;
    }
}
