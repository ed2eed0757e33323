package org.hyperiot.streaming.api;

import java.util.Optional;

/** The kinds of window, named as in the {@code type} member of a window operator. */
public enum WindowType {
    /** Fixed-size, non-overlapping event-time windows aligned to the epoch. */
    TUMBLING("tumbling"),
    /** Fixed-size event-time windows starting every {@code slide}, aligned to the epoch; a record can fall in several. */
    SLIDING("sliding"),
    /** Event-time windows of activity per key that close after a {@code gap} without records. */
    SESSION("session"),
    /** Windows of a number of records per key, in arrival order. */
    COUNT("count");

    private final String jsonName;

    WindowType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The window type with the given JSON name, or empty if there is none. */
    public static Optional<WindowType> fromJsonName(String name) {
        for (WindowType type : values()) {
            if (type.jsonName.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
