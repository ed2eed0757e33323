package org.hyperiot.streaming.api;

import java.util.Optional;

/** Where a stream starts reading its source topics the first time it runs; later starts resume from committed offsets. */
public enum StartPosition {
    /** From the oldest record still retained. */
    EARLIEST("earliest"),
    /** From records written after the stream first starts. */
    LATEST("latest");

    private final String jsonName;

    StartPosition(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The position with the given JSON name, or empty if there is none. */
    public static Optional<StartPosition> fromJsonName(String name) {
        for (StartPosition position : values()) {
            if (position.jsonName.equals(name)) {
                return Optional.of(position);
            }
        }
        return Optional.empty();
    }
}
