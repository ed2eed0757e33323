package org.hyperiot.streaming.engine.internal.operator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.ExtensionReference;

/** The declaration of every operator kind, by JSON name and by model type. */
public final class DeclaredOperators {

    /** The window's declaration, which the task asks for its stage. */
    public static final WindowDeclaration WINDOW = new WindowDeclaration();

    // In the order the contract lists them; error messages name them in this order.
    private static final List<OperatorDeclaration<?>> ALL = List.of(new FilterDeclaration(), new ProjectDeclaration(),
            new SetDeclaration(), new RenameDeclaration(), new KeyByDeclaration(), new ProcessorDeclaration(), WINDOW);
    private static final Map<String, OperatorDeclaration<?>> BY_NAME = new LinkedHashMap<>();
    private static final Map<Class<?>, OperatorDeclaration<?>> BY_TYPE = new LinkedHashMap<>();

    static {
        for (OperatorDeclaration<?> declaration : ALL) {
            BY_NAME.put(declaration.name(), declaration);
            BY_TYPE.put(declaration.type(), declaration);
        }
    }

    private DeclaredOperators() {
    }

    /** Every declaration. */
    public static List<OperatorDeclaration<?>> all() {
        return ALL;
    }

    /** The JSON names of every operator. */
    public static List<String> names() {
        return ALL.stream().map(OperatorDeclaration::name).toList();
    }

    /** The declaration of a JSON name, or {@code null} for an unknown one. */
    public static OperatorDeclaration<?> byName(String name) {
        return BY_NAME.get(name);
    }

    /** The declaration of a model operator. */
    public static OperatorDeclaration<?> of(Operator operator) {
        OperatorDeclaration<?> declaration = BY_TYPE.get(operator.getClass());
        if (declaration == null) {
            // Operator is sealed and every permitted type is declared; this means a declaration is missing.
            throw new IllegalStateException("no declaration for operator " + operator.getClass().getName());
        }
        return declaration;
    }

    /** Every custom processor and aggregator a definition names, in document order. */
    public static List<ExtensionReference> references(StreamDefinition definition) {
        List<ExtensionReference> references = new ArrayList<>();
        List<Operator> pipeline = definition.pipeline();
        for (int i = 0; i < pipeline.size(); i++) {
            of(pipeline.get(i)).referencesOf(pipeline.get(i), "/pipeline/" + i, references);
        }
        return references;
    }
}
