package org.hyperiot.streaming.kafka.support;

/**
 * A {@link CompactedTopicMap} was asked to read or write a topic it found unfit; the message is the
 * verdict's reason: what is wrong and what to do.
 */
public final class UnfitTopicException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnfitTopicException(String reason) {
        super(reason);
    }
}
