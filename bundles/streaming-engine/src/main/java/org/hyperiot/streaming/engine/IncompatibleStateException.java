package org.hyperiot.streaming.engine;

/**
 * A snapshot or changelog was written by a stream whose window differs from this task's (another
 * window type, size or list of aggregates), so its state cannot be used. A runtime may discard that
 * state and start the task empty.
 */
public class IncompatibleStateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message for humans. */
    public IncompatibleStateException(String message) {
        super(message);
    }
}
