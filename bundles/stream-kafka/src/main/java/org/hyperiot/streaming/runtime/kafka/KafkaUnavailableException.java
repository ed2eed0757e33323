package org.hyperiot.streaming.runtime.kafka;

/** An admin call the worker depends on failed or did not answer in time; the attempt starts again later. */
public final class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The call failed or timed out, as {@code cause} shows ({@code null} if nothing more is known). */
    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
