package org.hyperiot.streaming.api;

import java.util.Optional;

/** When a window publishes its result. */
public enum EmitMode {
    /**
     * Once when the window closes (the watermark passes its end, or a count window fills), then
     * once more for each late record accepted within the allowed lateness.
     */
    ON_CLOSE("on-close"),
    /** After every record that changes the window. */
    EVERY_UPDATE("every-update");

    private final String jsonName;

    EmitMode(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The emit mode with the given JSON name, or empty if there is none. */
    public static Optional<EmitMode> fromJsonName(String name) {
        for (EmitMode mode : values()) {
            if (mode.jsonName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
