package org.hyperiot.streaming.api;

import org.hyperiot.streaming.api.internal.JsonTrees;

/**
 * Compares one field of the record value with an operand. Dotted paths ({@code a.b}) reach fields of
 * nested objects; a field name that itself contains a dot cannot be addressed.
 *
 * @param field      the (dotted) field path
 * @param comparison how the field is compared
 * @param value      the operand: a JSON-like value, a list for {@link Comparison#IN}, a boolean for
 *                   {@link Comparison#EXISTS}; kept as an unmodifiable copy
 */
public record FieldCondition(String field, Comparison comparison, Object value) implements Condition {

    /** Keeps an unmodifiable copy of the operand, with integers as {@code Long}. */
    public FieldCondition {
        value = JsonTrees.copy(value);
    }
}
