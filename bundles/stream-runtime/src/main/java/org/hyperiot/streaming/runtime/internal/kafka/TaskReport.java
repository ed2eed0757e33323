package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.engine.TaskMetrics;

/** The state of one task as last published by its worker thread, for status and metrics. */
record TaskReport(TopicPartition partition, StreamState state, String lastError, TaskMetrics metrics, long lag) {

    TaskReport with(StreamState next, String error) {
        return new TaskReport(partition, next, error, metrics, lag);
    }

    TaskStatus status(String node) {
        String id = partition.topic() + "-" + partition.partition();
        return new TaskStatus(node, id, List.of(id), state, lastError);
    }
}
