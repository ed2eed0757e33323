package org.hyperiot.streaming.api;

import java.util.List;

/**
 * Where a stream stands.
 *
 * @param name      the stream name
 * @param state     the state of the stream as a whole
 * @param tasks     its tasks, empty when none is running
 * @param lastError the last error that stopped or held the stream (for example in {@link StreamState#FAILED}
 *                  or {@link StreamState#WAITING}), or {@code null}
 */
public record StreamStatus(String name, StreamState state, List<TaskStatus> tasks, String lastError) {

    /** Keeps an unmodifiable copy of the tasks. */
    public StreamStatus {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
