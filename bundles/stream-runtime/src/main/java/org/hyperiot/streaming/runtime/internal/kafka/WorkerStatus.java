package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.List;

import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.runtime.kafka.TaskReport;

/**
 * What a worker shows the rest of the node: its state, its last error and its tasks' reports. Written
 * by the worker thread, read by any thread.
 */
final class WorkerStatus {

    private volatile StreamState state = StreamState.REBALANCING;
    private volatile String lastError;
    private volatile List<TaskReport> reports = List.of();

    StreamState state() {
        return state;
    }

    String lastError() {
        return lastError;
    }

    List<TaskReport> reports() {
        return reports;
    }

    void enter(StreamState next, String error) {
        state = next;
        lastError = error;
        reports = reports.stream().map(report -> report.with(next, error)).toList();
    }

    /** Marks the worker RUNNING once it processes, clearing the error of an earlier attempt. */
    void running() {
        if (state != StreamState.RUNNING) {
            enter(StreamState.RUNNING, null);
        }
    }

    void publish(List<TaskReport> current) {
        reports = List.copyOf(current);
    }
}
