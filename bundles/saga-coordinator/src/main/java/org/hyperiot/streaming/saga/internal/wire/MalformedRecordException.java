package org.hyperiot.streaming.saga.internal.wire;

/**
 * A record read from one of the coordinator's topics that does not have the form this node writes: a
 * record from an incompatible version, or written by someone else. The reader skips it and says so.
 */
public final class MalformedRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedRecordException(String message) {
        super(message);
    }
}
