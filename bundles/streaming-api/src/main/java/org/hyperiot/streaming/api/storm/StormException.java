package org.hyperiot.streaming.api.storm;

/**
 * Storm refused or failed a request, or could not be asked. The message says why for a human;
 * {@link #errorCode()} is one of the stable codes below, for callers (and the REST API) to act on.
 * The cause, when there is one, is Storm's own exception.
 */
public class StormException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** No topology of that id or name is known to Nimbus. */
    public static final String UNKNOWN_TOPOLOGY = "UNKNOWN_TOPOLOGY";

    /** No Nimbus leader answered within the connector's timeouts. */
    public static final String NIMBUS_UNAVAILABLE = "NIMBUS_UNAVAILABLE";

    /** A topology of that name is already deployed (or still being killed). */
    public static final String ALREADY_ALIVE = "ALREADY_ALIVE";

    /** Nimbus refused the topology or its configuration (the message says which part). */
    public static final String INVALID_TOPOLOGY = "INVALID_TOPOLOGY";

    /** The request itself is wrong, such as a kill wait under 5 seconds or an unknown component. */
    public static final String INVALID_REQUEST = "INVALID_REQUEST";

    /** Nimbus' authorizer refused the request for the connector's identity. */
    public static final String NOT_AUTHORIZED = "NOT_AUTHORIZED";

    /** The calling thread was interrupted while waiting for Nimbus; its interrupt flag is set again. */
    public static final String INTERRUPTED = "INTERRUPTED";

    /** Any other failure reported by Storm. */
    public static final String STORM_ERROR = "STORM_ERROR";

    private final String errorCode;

    /** Creates the exception with a stable error code and a message for humans. */
    public StormException(String errorCode, String message) {
        this(errorCode, message, null);
    }

    /** Creates the exception with a stable error code, a message for humans and Storm's cause. */
    public StormException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** A stable, machine-readable code for the failure, one of the constants of this class. */
    public String errorCode() {
        return errorCode;
    }
}
