package org.hyperiot.streaming.engine;

/** A source record's payload does not match the source format, or its event time cannot be read. */
public class RecordFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for humans. */
    public RecordFormatException(String message) {
        super(message);
    }

    /** Creates the exception with a message for humans and the parser's error. */
    public RecordFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
