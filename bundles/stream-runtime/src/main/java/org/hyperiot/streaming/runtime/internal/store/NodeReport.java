package org.hyperiot.streaming.runtime.internal.store;

import java.util.List;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;

/**
 * What one node runs of one stream, as it last reported it.
 *
 * @param node       the node
 * @param stream     the stream
 * @param reportedAt when the node wrote it, epoch milliseconds
 * @param tasks      the node's tasks of the stream
 * @param metrics    the node's counters for the stream, or null
 */
public record NodeReport(String node, String stream, long reportedAt, List<TaskStatus> tasks, StreamMetrics metrics) {

    /** Keeps an unmodifiable copy of the tasks. */
    public NodeReport {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }
}
