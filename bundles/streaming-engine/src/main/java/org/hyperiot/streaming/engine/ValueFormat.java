package org.hyperiot.streaming.engine;

import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.engine.internal.pipeline.ValueFormats;

/**
 * Converts record values between their bytes on a topic and their Java form in the pipeline, for a
 * {@link DataFormat}. Encoding is lenient so that any pipeline output can be written to any sink:
 * {@code json} writes any tree (a {@code String} becomes a JSON string, a {@code byte[]} base64);
 * {@code string} writes strings as UTF-8 and anything else as JSON text; {@code bytes} writes
 * {@code byte[]} as they are, strings as UTF-8 and anything else as JSON.
 */
public interface ValueFormat {

    /**
     * The Java form of a payload.
     *
     * @throws RecordFormatException if the payload does not match the format
     */
    Object decode(byte[] payload);

    /** The bytes of a value; {@code null} stays {@code null} (a tombstone). */
    byte[] encode(Object value);

    /** The format for the given data format. */
    static ValueFormat of(DataFormat format) {
        return ValueFormats.of(format);
    }
}
