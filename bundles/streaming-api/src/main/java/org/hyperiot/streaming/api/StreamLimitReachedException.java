package org.hyperiot.streaming.api;

/**
 * The cluster already holds as many streams as the runtime is configured to allow, so a new one is
 * refused until a stream is deleted or the limit is raised. The message names the setting.
 */
public class StreamLimitReachedException extends StreamingException {

    private static final long serialVersionUID = 1L;

    private final int limit;

    /**
     * Creates the exception.
     *
     * @param limit   the most streams allowed
     * @param message what was refused and which setting raises the limit, for humans
     */
    public StreamLimitReachedException(int limit, String message) {
        super(message);
        this.limit = limit;
    }

    /** The most streams allowed. */
    public int limit() {
        return limit;
    }
}
