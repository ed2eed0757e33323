package org.hyperiot.streaming.api;

import java.util.Map;

import org.hyperiot.streaming.api.internal.JsonTrees;

/**
 * Passes records through a custom {@link org.hyperiot.streaming.api.StreamProcessor}
 * registered under a name by a user bundle.
 *
 * @param name   the name the processor is registered under
 * @param config the processor's configuration, a JSON-like object handed to it when it opens;
 *               kept as an unmodifiable copy, empty when none is given
 */
public record ProcessorOperator(String name, Map<String, Object> config) implements Operator {

    /** Keeps an unmodifiable copy of the configuration, with integers as {@code Long}. */
    public ProcessorOperator {
        config = config == null ? Map.of() : JsonTrees.copyObject(config);
    }

    /** Returns {@code processor}. */
    @Override
    public String op() {
        return "processor";
    }
}
