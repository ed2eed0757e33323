package org.hyperiot.streaming.runtime.kafka;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.engine.TaskMetrics;

/** The state of one task as last published by its worker thread, for status and metrics. */
public record TaskReport(TopicPartition partition, StreamState state, String lastError, TaskMetrics metrics, long lag) {

    /** The same report with another state and error. */
    public TaskReport with(StreamState next, String error) {
        return new TaskReport(partition, next, error, metrics, lag);
    }

    /** The report as the API shows a task on {@code node}. */
    public TaskStatus status(String node) {
        String id = partition.topic() + "-" + partition.partition();
        return new TaskStatus(node, id, List.of(id), state, lastError);
    }
}
