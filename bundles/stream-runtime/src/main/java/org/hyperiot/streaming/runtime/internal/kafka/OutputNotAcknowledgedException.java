package org.hyperiot.streaming.runtime.internal.kafka;

/**
 * Kafka refused an output, changelog write or transaction of the worker. The records processed since
 * the last commit are processed again after a back-off (at-least-once, exactly-once) or given up
 * (at-most-once); the offsets they came from are not committed past them.
 */
final class OutputNotAcknowledgedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    OutputNotAcknowledgedException(String message, Throwable cause) {
        super(message, cause);
    }
}
