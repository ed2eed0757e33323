package org.hyperiot.streaming.engine;

/**
 * A record that could not be decoded, had no usable event time, or made an operator throw. The
 * runtime writes {@link #source()} unchanged to the {@code deadLetter} topic with the headers
 * {@code hyperiot.error.class} and {@code hyperiot.error.message} taken from here, plus the source
 * topic, partition and offset and the stream name.
 *
 * @param source       the record as read from the source, unchanged
 * @param errorClass   the fully qualified class name of the error
 * @param errorMessage the error's message, possibly {@code null}
 * @param error        the error itself, for logs
 */
public record DeadLetterRecord(SourceRecord source, String errorClass, String errorMessage, Throwable error) {

    /** A dead letter for the given error. */
    public static DeadLetterRecord of(SourceRecord source, Throwable error) {
        return new DeadLetterRecord(source, error.getClass().getName(), error.getMessage(), error);
    }
}
