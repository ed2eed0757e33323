package org.hyperiot.streaming.engine.internal.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.engine.definition.JsonPointers;

/**
 * One JSON object of a definition being read, with its pointer: typed access to its members, each
 * problem reported with the member's pointer to the reader that made it. What an operator
 * declaration reads its operator from.
 */
public final class JsonMembers {

    private final DefinitionParser parser;
    private final JsonNode node;
    private final String pointer;

    JsonMembers(DefinitionParser parser, JsonNode node, String pointer) {
        this.parser = parser;
        this.node = node;
        this.pointer = pointer;
    }

    /** The object itself. */
    public JsonNode node() {
        return node;
    }

    /** The pointer of the object. */
    public String pointer() {
        return pointer;
    }

    /** The pointer of one of its members. */
    public String pointer(String member) {
        return JsonPointers.child(pointer, member);
    }

    /** Whether the member is present, even as {@code null}. */
    public boolean has(String member) {
        return node.has(member);
    }

    /** Whether the member is missing or {@code null}. */
    public boolean absent(String member) {
        return DefinitionParser.absent(node.get(member));
    }

    /** The member's JSON value, or {@code null}. */
    public JsonNode get(String member) {
        return node.get(member);
    }

    /** Names of its members, in document order. */
    public Iterable<String> memberNames() {
        return node::fieldNames;
    }

    /** Reports a problem at any pointer. */
    public void error(String at, String message) {
        parser.error(at, message);
    }

    /** How many problems have been reported so far, to tell whether a part added any. */
    public int errorCount() {
        return parser.errors().size();
    }

    /** Reports every member not in {@code allowed} as unknown. */
    public void knownMembers(Set<String> allowed) {
        parser.knownFields(node, pointer, allowed);
    }

    /** A string member, or {@code null} when absent or not a string (reported). */
    public String text(String member) {
        return parser.text(node, member, pointer);
    }

    /** A whole-number member, or {@code null} when absent or not one (reported). */
    public Long integer(String member) {
        return parser.integer(node, member, pointer);
    }

    /** A boolean member, {@code defaultValue} when absent, {@code null} when not a boolean (reported). */
    public Boolean bool(String member, boolean defaultValue) {
        JsonNode value = node.get(member);
        if (DefinitionParser.absent(value)) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            error(pointer(member), "must be true or false");
            return null;
        }
        return value.booleanValue();
    }

    /** A duration member, {@code defaultValue} when absent, {@code null} when it does not parse (reported). */
    public Duration duration(String member, Duration defaultValue) {
        return parser.duration(node, member, pointer, defaultValue);
    }

    /** A duration member that must be present. */
    public Duration requiredDuration(String member) {
        return parser.requiredDuration(node, member, pointer);
    }

    /** A member naming one of {@code values}, {@code defaultValue} when absent, {@code null} when unknown (reported). */
    public <E> E choice(String member, String what, Function<String, Optional<E>> lookup, E[] values,
                        Function<E, String> jsonName, E defaultValue) {
        return parser.choice(node, member, pointer, what, lookup, values, jsonName, defaultValue);
    }

    /** An array-of-strings member, {@code null} when absent. */
    public List<String> stringList(String member) {
        return parser.stringList(node, member, pointer);
    }

    /** The Java form of any JSON value at {@code at}, bounded in depth and number length. */
    public Object value(JsonNode value, String at) {
        return parser.value(value, at);
    }

    /** The Java form of a JSON object at {@code at}, bounded in depth and number length. */
    public Map<String, Object> objectValue(JsonNode value, String at) {
        return parser.objectValue(value, at);
    }

    /** A nested object, or {@code null} when it is not an object (reported). */
    public JsonMembers object(JsonNode value, String at) {
        return parser.object(value, at) ? new JsonMembers(parser, value, at) : null;
    }
}
