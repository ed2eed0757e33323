package org.hyperiot.streaming.api;

import java.util.Optional;

/**
 * How record values are encoded on a topic, and so which Java type a {@link StreamRecord} value has
 * inside the pipeline.
 */
public enum DataFormat {
    /**
     * UTF-8 JSON; the value is a tree of {@link java.util.Map}, {@link java.util.List}, {@link String},
     * {@link Number}, {@link Boolean} and {@code null}.
     */
    JSON("json"),
    /** UTF-8 text; the value is a {@link String}. */
    STRING("string"),
    /** Opaque bytes; the value is a {@code byte[]}. */
    BYTES("bytes");

    private final String jsonName;

    DataFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the stream definition JSON. */
    public String jsonName() {
        return jsonName;
    }

    /** The format with the given JSON name, or empty if there is none. */
    public static Optional<DataFormat> fromJsonName(String name) {
        for (DataFormat format : values()) {
            if (format.jsonName.equals(name)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
