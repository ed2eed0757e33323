package org.hyperiot.streaming.api;

/**
 * The topic a stream writes its results to.
 *
 * @param topic  the output topic
 * @param format how result values are encoded
 */
public record SinkSpec(String topic, DataFormat format) {

    /** The format used when none is given. */
    public static final DataFormat DEFAULT_FORMAT = DataFormat.JSON;

    /** A sink writing JSON to the given topic. */
    public static SinkSpec of(String topic) {
        return new SinkSpec(topic, DEFAULT_FORMAT);
    }

    /** This sink with another value format. */
    public SinkSpec withFormat(DataFormat newFormat) {
        return new SinkSpec(topic, newFormat);
    }
}
