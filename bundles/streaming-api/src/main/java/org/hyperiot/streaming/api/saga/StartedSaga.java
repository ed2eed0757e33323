package org.hyperiot.streaming.api.saga;

/**
 * The answer to a start request.
 *
 * @param saga    the saga as it stands right after the request
 * @param created {@code true} when this request started it, {@code false} when an earlier request with
 *                the same idempotency key did
 */
public record StartedSaga(SagaInfo saga, boolean created) {
}
