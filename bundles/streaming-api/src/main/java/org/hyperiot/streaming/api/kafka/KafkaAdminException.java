package org.hyperiot.streaming.api.kafka;

/**
 * Kafka refused or failed an administrative request; the message carries Kafka's reason and
 * {@link #errorCode()} a stable code such as {@code TOPIC_EXISTS}.
 */
public class KafkaAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String errorCode;

    /** Creates the exception with a stable error code, a message for humans and Kafka's cause. */
    public KafkaAdminException(String errorCode, String message, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** A stable, machine-readable code for the failure. */
    public String errorCode() {
        return errorCode;
    }
}
