package org.hyperiot.streaming.engine;

/**
 * A record could not be processed and the stream has no dead-letter topic, so the stream must stop
 * in state {@code FAILED}. The task that threw is unusable afterwards; a new task restored from the
 * last checkpoint resumes the stream.
 */
public class StreamProcessingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SourceRecord source;

    /** Creates the exception for the record that failed and its error. */
    public StreamProcessingException(SourceRecord source, Throwable cause) {
        super("record " + source.partition() + "@" + source.offset() + " failed: "
                + cause.getClass().getName() + ": " + cause.getMessage(), cause);
        this.source = source;
    }

    /** The record that failed. */
    public SourceRecord source() {
        return source;
    }
}
