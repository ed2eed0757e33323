package org.hyperiot.streaming.api;

import java.util.Optional;

/** Where a stream runs. */
public enum Engine {
    /** Inside the Karaf nodes, as Kafka consumer-group tasks. */
    KAFKA("kafka"),
    /** Compiled to an Apache Storm topology. */
    STORM("storm");

    private final String jsonName;

    Engine(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The engine with the given JSON name, or empty if there is none. */
    public static Optional<Engine> fromJsonName(String name) {
        for (Engine engine : values()) {
            if (engine.jsonName.equals(name)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }
}
