package org.hyperiot.streaming.api;

import java.util.List;

/**
 * Holds when at least one of its conditions holds ({@code "any"} in JSON).
 *
 * @param conditions the conditions, at least one
 */
public record AnyOf(List<Condition> conditions) implements Condition {

    /** Keeps an unmodifiable copy of the conditions. */
    public AnyOf {
        conditions = conditions == null ? null : List.copyOf(conditions);
    }
}
