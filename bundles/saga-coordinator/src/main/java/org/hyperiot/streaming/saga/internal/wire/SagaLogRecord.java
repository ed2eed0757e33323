package org.hyperiot.streaming.saga.internal.wire;

import java.util.Objects;

import org.hyperiot.streaming.saga.internal.machine.SagaInstance;

/**
 * One value of the saga log: a saga's whole state, and the id of the start request that created it,
 * which tells the node that sent a start whether its request or an earlier one with the same
 * idempotency key started the saga.
 *
 * @param saga           the saga's state
 * @param startRequestId the id of the request that started it
 */
public record SagaLogRecord(SagaInstance saga, String startRequestId) {

    public SagaLogRecord {
        Objects.requireNonNull(saga, "saga");
        Objects.requireNonNull(startRequestId, "startRequestId");
    }

    /** The same start with a later state of the saga. */
    public SagaLogRecord with(SagaInstance next) {
        return new SagaLogRecord(next, startRequestId);
    }
}
