package org.hyperiot.streaming.runtime.kafka;

/**
 * The group has moved this worker's partitions elsewhere, or a newer producer fenced this worker's:
 * another member may already own the tasks, so nothing processed since the last commit may be
 * committed. The worker aborts what is open and starts again at once from the committed offsets,
 * without waiting, since nothing is wrong with Kafka.
 */
public final class TaskMigratedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The tasks migrated, for the reason given. */
    public TaskMigratedException(String message) {
        super(message);
    }

    /** The tasks migrated, as {@code cause} shows. */
    public TaskMigratedException(String message, Throwable cause) {
        super(message, cause);
    }
}
