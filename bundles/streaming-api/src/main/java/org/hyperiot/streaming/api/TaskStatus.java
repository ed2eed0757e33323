package org.hyperiot.streaming.api;

import java.util.List;

/**
 * The state of one task of a stream.
 *
 * @param node       the id of the node (or Storm worker) running the task
 * @param task       the task's id, unique within the stream (for the Kafka engine, its source partition)
 * @param partitions the source partitions it owns, as {@code <topic>-<partition>}
 * @param state      the task's state
 * @param lastError  the last error of the task, or {@code null}
 */
public record TaskStatus(String node, String task, List<String> partitions, StreamState state, String lastError) {

    /** Keeps an unmodifiable copy of the partitions. */
    public TaskStatus {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
}
