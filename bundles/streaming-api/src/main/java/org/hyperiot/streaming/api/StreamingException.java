package org.hyperiot.streaming.api;

/** The common type of the stream-management errors, so that callers can map them in one place. */
public class StreamingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for humans. */
    public StreamingException(String message) {
        super(message);
    }

    /** Creates the exception with a message for humans and its cause. */
    public StreamingException(String message, Throwable cause) {
        super(message, cause);
    }
}
