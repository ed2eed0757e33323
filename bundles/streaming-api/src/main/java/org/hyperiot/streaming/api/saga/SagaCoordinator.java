package org.hyperiot.streaming.api.saga;

import java.util.Map;

/**
 * The service that runs sagas across the cluster: it starts them, reports where they stand and takes
 * an operator's cancel, retry and skip. Sagas live in the coordinator's saga log, so every node sees
 * every saga, and a saga carries on when the node that was running it goes away.
 *
 * <p>Cancel, retry and skip are asynchronous: they return once the request is recorded; the saga's
 * history and {@link #get(String)} show when it took effect. The state check they make is repeated when
 * the request is applied, so a request overtaken by the saga's own progress is dropped, not misapplied.
 */
public interface SagaCoordinator {

    /**
     * Starts a saga of the named definition with the given input as its initial data. The saga keeps
     * the definition as it was at its start, whatever happens to the definition afterwards.
     *
     * @param definitionName the definition to run
     * @param input          the saga's initial data, a JSON-like map; {@code null} for none
     * @param idempotencyKey a key that makes the request safe to repeat: a second start with a key
     *                       already used, on any node, starts nothing and returns the saga the first one
     *                       started; {@code null} starts a new saga every time
     * @return the saga, and whether this request started it
     * @throws SagaDefinitionNotFoundException if no definition has that name
     * @throws IllegalArgumentException        if the input holds values with no JSON form, or the key is
     *                                         not 1 to 200 printable ASCII characters without spaces
     */
    StartedSaga start(String definitionName, Map<String, Object> input, String idempotencyKey);

    /**
     * One saga with its steps and history.
     *
     * @throws SagaNotFoundException if no saga has that id
     */
    SagaInfo get(String sagaId);

    /**
     * A page of the sagas the filter keeps, newest first.
     *
     * @param filter    which sagas to list
     * @param pageToken {@code null} for the first page, or the {@link SagaPage#nextPageToken()} of the
     *                  page before
     * @param limit     the most sagas to return, at least 1; the coordinator may return fewer
     * @throws IllegalArgumentException if the page token was not made by this service for this filter,
     *                                  or the limit is below 1
     */
    SagaPage list(SagaFilter filter, String pageToken, int limit);

    /**
     * Cancels a {@link SagaState#RUNNING} saga: it starts no more steps, lets the attempts under way
     * finish, and compensates every completed step.
     *
     * @throws SagaNotFoundException     if no saga has that id
     * @throws IllegalSagaStateException if the saga is not running
     */
    void cancel(String sagaId);

    /**
     * Retries the compensations that failed for good in a {@link SagaState#FAILED_TO_COMPENSATE} saga,
     * with a fresh set of attempts, and then goes on compensating the steps before them.
     *
     * @throws SagaNotFoundException     if no saga has that id
     * @throws IllegalSagaStateException if the saga is not in {@link SagaState#FAILED_TO_COMPENSATE}
     */
    void retry(String sagaId);

    /**
     * Skips the compensations that failed for good in a {@link SagaState#FAILED_TO_COMPENSATE} saga,
     * leaving their steps' effects in place, and goes on compensating the steps before them.
     *
     * @throws SagaNotFoundException     if no saga has that id
     * @throws IllegalSagaStateException if the saga is not in {@link SagaState#FAILED_TO_COMPENSATE}
     */
    void skip(String sagaId);

    /** What the cluster's sagas and this node's coordinator are doing; returns at once, without asking Kafka. */
    SagaMetrics metrics();
}
