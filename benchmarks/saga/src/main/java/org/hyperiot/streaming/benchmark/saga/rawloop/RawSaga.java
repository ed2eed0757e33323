package org.hyperiot.streaming.benchmark.saga.rawloop;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A saga as the raw loop keeps it and writes it to its log: where it is (state, step, attempt), its
 * data, and the times it needs (created, updated, deadline). Immutable but for {@code data}, which the
 * loop never changes after building a new saga.
 *
 * @param id        the saga id
 * @param requestId the start request that created it
 * @param state     RUNNING, COMPLETED, FAILED or TIMED_OUT
 * @param step      index of the step under way (of the last step once settled)
 * @param attempt   attempt of that step, from 1
 * @param data      the input with every step's output merged in
 * @param createdAt epoch milliseconds
 * @param updatedAt epoch milliseconds
 * @param deadline  epoch milliseconds after which it times out
 */
record RawSaga(String id, String requestId, String state, int step, int attempt, ObjectNode data, long createdAt,
        long updatedAt, long deadline) {

    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String FAILED = "FAILED";
    static final String TIMED_OUT = "TIMED_OUT";

    boolean settled() {
        return !RUNNING.equals(state);
    }
}
