package org.hyperiot.streaming.runtime.kafka;

/**
 * Kafka refused an output, changelog write or transaction of the worker. The records processed since
 * the last commit are processed again after a back-off (at-least-once, exactly-once) or given up
 * (at-most-once); the offsets they came from are not committed past them.
 */
public final class OutputNotAcknowledgedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Kafka refused a write, as {@code cause} shows. */
    public OutputNotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
