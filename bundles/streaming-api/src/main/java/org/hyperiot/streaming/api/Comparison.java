package org.hyperiot.streaming.api;

import java.util.Optional;

/**
 * How a {@link FieldCondition} compares a field with its operand. Numbers compare by numeric value
 * whatever their Java type; strings compare lexicographically; ordering comparisons between values
 * of different kinds, or with a missing field, are false.
 */
public enum Comparison {
    /** Equal to the operand. */
    EQ("eq"),
    /** Not equal to the operand; a missing field is not equal to anything. */
    NE("ne"),
    /** Greater than the operand. */
    GT("gt"),
    /** Greater than or equal to the operand. */
    GTE("gte"),
    /** Less than the operand. */
    LT("lt"),
    /** Less than or equal to the operand. */
    LTE("lte"),
    /** Equal to one of the values of the operand, which is a list. */
    IN("in"),
    /** The field is present (even with a {@code null} value) when the operand is {@code true}, absent when {@code false}. */
    EXISTS("exists");

    private final String jsonName;

    Comparison(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The member name used in JSON, for example {@code gte}. */
    public String jsonName() {
        return jsonName;
    }

    /** The comparison with the given JSON name, or empty if there is none. */
    public static Optional<Comparison> fromJsonName(String name) {
        for (Comparison comparison : values()) {
            if (comparison.jsonName.equals(name)) {
                return Optional.of(comparison);
            }
        }
        return Optional.empty();
    }
}
