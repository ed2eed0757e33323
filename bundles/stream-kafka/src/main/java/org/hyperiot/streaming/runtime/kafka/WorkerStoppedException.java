package org.hyperiot.streaming.runtime.kafka;

/** The worker was asked to stop while it waited for Kafka; not an error. */
public final class WorkerStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The worker stopped waiting, for the reason given. */
    public WorkerStoppedException(String message) {
        super(message);
    }
}
