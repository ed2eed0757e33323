package org.hyperiot.streaming.api;

import java.util.List;

import org.hyperiot.streaming.api.storm.TopologySummary;

/**
 * Where a stream stands.
 *
 * @param name      the stream name
 * @param state     the state of the stream as a whole
 * @param tasks     its tasks, empty when none is running
 * @param lastError the last error that stopped or held the stream (for example in {@link StreamState#FAILED}
 *                  or {@link StreamState#WAITING}), or {@code null}
 * @param topology  for a stream on the {@code storm} engine, its topology as Nimbus lists it (id, status,
 *                  workers, executors); {@code null} on other engines, before it is deployed, or while
 *                  Nimbus does not answer
 */
public record StreamStatus(String name, StreamState state, List<TaskStatus> tasks, String lastError,
        TopologySummary topology) {

    /** Keeps an unmodifiable copy of the tasks. */
    public StreamStatus {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** Where a stream that runs no Storm topology stands. */
    public StreamStatus(String name, StreamState state, List<TaskStatus> tasks, String lastError) {
        this(name, state, tasks, lastError, null);
    }

    /**
     * The same status with the stream's Storm topology.
     *
     * @since 1.3
     */
    public StreamStatus withTopology(TopologySummary summary) {
        return new StreamStatus(name, state, tasks, lastError, summary);
    }
}
