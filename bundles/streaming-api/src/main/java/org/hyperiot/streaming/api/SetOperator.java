package org.hyperiot.streaming.api;

import org.hyperiot.streaming.api.internal.JsonTrees;

/**
 * Sets a field of a JSON object value to a constant, creating missing parent objects along a dotted path.
 *
 * @param field the (dotted) field path
 * @param value the JSON-like value to store (a {@code Map}, {@code List}, {@code String}, {@code Number},
 *              {@code Boolean} or {@code null}); kept as an unmodifiable copy
 */
public record SetOperator(String field, Object value) implements Operator {

    /** Keeps an unmodifiable copy of the value, with integers as {@code Long}. */
    public SetOperator {
        value = JsonTrees.copy(value);
    }

    /** Returns {@code set}. */
    @Override
    public String op() {
        return "set";
    }
}
