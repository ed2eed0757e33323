package org.hyperiot.streaming.engine.internal.operator;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.engine.definition.ExtensionReference;
import org.hyperiot.streaming.engine.internal.definition.DefinitionRules;
import org.hyperiot.streaming.engine.internal.definition.JsonMembers;

/**
 * Everything the engine knows about one kind of pipeline operator, in one place: its JSON name, how
 * it is read from JSON (with pointers), its rules, how it is written back, which custom processors
 * and aggregators it names, and what a task runs for it. The reader, the rules, the writer, the task
 * and the runtime's processor catalog all go through the declaration, so adding an operator means
 * adding a declaration (and its model record in the API) and nothing else.
 *
 * <p>A {@link RecordOperatorDeclaration} becomes a per-record transform; the {@link WindowDeclaration}
 * becomes the task's window stage.
 *
 * @param <O> the model type of the operator
 */
public abstract sealed class OperatorDeclaration<O extends Operator>
        permits RecordOperatorDeclaration, WindowDeclaration {

    /** For writing JSON values; Jackson's mapper is thread-safe once configured. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final Class<O> type;

    protected OperatorDeclaration(String name, Class<O> type) {
        this.name = name;
        this.type = type;
    }

    /** The value of {@code op} in JSON. */
    public final String name() {
        return name;
    }

    /** The model type. */
    public final Class<O> type() {
        return type;
    }

    /**
     * Reads the operator from its JSON object, whose {@code op} is this declaration's name, reporting
     * every problem with its pointer. Returns {@code null} when the operator cannot be kept in the
     * model without making the rules report its problems again.
     */
    public abstract O read(JsonMembers in);

    /** Checks the operator's own rules; {@code pointer} is where the operator is in the document. */
    protected abstract void check(O operator, String pointer, DefinitionRules rules);

    /** Writes every member but {@code op}. */
    protected abstract void write(O operator, ObjectNode node);

    /** Adds the custom processors and aggregators the operator names; none by default. */
    protected void references(O operator, String pointer, List<ExtensionReference> into) {
    }

    /** Whether it works on fields of JSON object values, so that the source must be JSON or a processor come first. */
    public boolean readsFields() {
        return true;
    }

    /** Whether it may turn any value into a JSON object, so that field operators may follow whatever the source. */
    public boolean producesObjects() {
        return false;
    }

    /** Whether it must be the last operator of a pipeline. */
    public boolean endsPipeline() {
        return false;
    }

    /** Whether records can be too late for it, so that a {@code lateRecords} topic makes sense. */
    protected boolean hasLateRecords(O operator) {
        return false;
    }

    /** {@link #check} for an operator of this declaration's type. */
    public final void checkOperator(Operator operator, String pointer, DefinitionRules rules) {
        check(type.cast(operator), pointer, rules);
    }

    /** {@link #write} for an operator of this declaration's type: the operator's whole JSON object. */
    public final ObjectNode writeOperator(Operator operator) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("op", name);
        write(type.cast(operator), node);
        return node;
    }

    /** {@link #references} for an operator of this declaration's type. */
    public final void referencesOf(Operator operator, String pointer, List<ExtensionReference> into) {
        references(type.cast(operator), pointer, into);
    }

    /** {@link #hasLateRecords} for an operator of this declaration's type. */
    public final boolean producesLateRecords(Operator operator) {
        return hasLateRecords(type.cast(operator));
    }

    /** A JSON-like Java value as a JSON tree. */
    protected static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
