package org.hyperiot.streaming.api;

import java.util.List;

/**
 * Keeps only the listed fields of a JSON object value. Dotted paths keep a nested field together
 * with the objects that contain it; fields that are missing are left out.
 *
 * @param fields the (dotted) field paths to keep
 */
public record ProjectOperator(List<String> fields) implements Operator {

    /** Keeps an unmodifiable copy of the fields. */
    public ProjectOperator {
        fields = fields == null ? null : List.copyOf(fields);
    }

    /** Returns {@code project}. */
    @Override
    public String op() {
        return "project";
    }
}
