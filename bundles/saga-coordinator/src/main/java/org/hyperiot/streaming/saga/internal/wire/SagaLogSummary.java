package org.hyperiot.streaming.saga.internal.wire;

import org.hyperiot.streaming.api.saga.SagaSummary;

/**
 * What a saga list needs of a saga log value.
 *
 * @param saga           the saga's line in a list
 * @param startRequestId the id of the request that started it
 */
public record SagaLogSummary(SagaSummary saga, String startRequestId) {
}
