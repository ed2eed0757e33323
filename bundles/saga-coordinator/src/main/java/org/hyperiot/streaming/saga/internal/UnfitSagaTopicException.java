package org.hyperiot.streaming.saga.internal;

/** One of the coordinator's topics exists in a form the coordinator cannot use; the message says how to fix it. */
public final class UnfitSagaTopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnfitSagaTopicException(String message) {
        super(message);
    }
}
