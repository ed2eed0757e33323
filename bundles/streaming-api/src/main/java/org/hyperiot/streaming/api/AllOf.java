package org.hyperiot.streaming.api;

import java.util.List;

/**
 * Holds when every one of its conditions holds ({@code "all"} in JSON).
 *
 * @param conditions the conditions, at least one
 */
public record AllOf(List<Condition> conditions) implements Condition {

    /** Keeps an unmodifiable copy of the conditions. */
    public AllOf {
        conditions = conditions == null ? null : List.copyOf(conditions);
    }
}
