package org.hyperiot.streaming.runtime.internal.kafka;

/** The worker was asked to stop while it waited for Kafka; not an error. */
final class WorkerStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    WorkerStoppedException(String message) {
        super(message);
    }
}
