package org.hyperiot.streaming.runtime.internal.kafka;

/** An admin call the worker depends on failed or did not answer in time; the attempt starts again later. */
final class KafkaUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
