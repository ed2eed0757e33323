package org.hyperiot.streaming.api;

import java.util.List;

/**
 * The state of one task of a stream.
 *
 * @param node       the id of the node (or Storm worker) running the task
 * @param partitions the source partitions it owns, as {@code <topic>-<partition>}
 * @param state      the task's state
 */
public record TaskStatus(String node, List<String> partitions, StreamState state) {

    /** Keeps an unmodifiable copy of the partitions. */
    public TaskStatus {
        partitions = partitions == null ? List.of() : List.copyOf(partitions);
    }
}
