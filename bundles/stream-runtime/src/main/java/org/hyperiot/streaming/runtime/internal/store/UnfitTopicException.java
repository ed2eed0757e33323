package org.hyperiot.streaming.runtime.internal.store;

/** A store was asked to read or write a topic it found unfit; the message says why and what to do. */
public final class UnfitTopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnfitTopicException(String reason) {
        super(reason);
    }
}
