package org.hyperiot.streaming.api;

import java.util.Optional;

/** The delivery guarantee of a stream, as defined in section 5 of the product contract. */
public enum Guarantee {
    /** Input offsets are committed before outputs are sent: records in flight may be lost, never duplicated. */
    AT_MOST_ONCE("at-most-once"),
    /** Input offsets are committed only after every output is acknowledged: nothing is lost, records may be processed again. */
    AT_LEAST_ONCE("at-least-once"),
    /** Outputs, state changelog writes and input offsets are committed in one Kafka transaction. */
    EXACTLY_ONCE("exactly-once");

    private final String jsonName;

    Guarantee(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON, for example {@code exactly-once}. */
    public String jsonName() {
        return jsonName;
    }

    /** The guarantee with the given JSON name, or empty if there is none. */
    public static Optional<Guarantee> fromJsonName(String name) {
        for (Guarantee guarantee : values()) {
            if (guarantee.jsonName.equals(name)) {
                return Optional.of(guarantee);
            }
        }
        return Optional.empty();
    }
}
