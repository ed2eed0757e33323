package org.hyperiot.streaming.api;

import java.util.Optional;

/** How records are handed to the pipeline. Both modes produce the same results for the same input. */
public enum ProcessingMode {
    /** Each record is processed as it arrives; offsets are committed every {@code commitInterval}. */
    NATIVE("native"),
    /** Records are gathered into batches (see {@link BatchSpec}) and each batch is processed and committed as a unit. */
    MICRO_BATCH("micro-batch");

    private final String jsonName;

    ProcessingMode(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The mode with the given JSON name, or empty if there is none. */
    public static Optional<ProcessingMode> fromJsonName(String name) {
        for (ProcessingMode mode : values()) {
            if (mode.jsonName.equals(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
