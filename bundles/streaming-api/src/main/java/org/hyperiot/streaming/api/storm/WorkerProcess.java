package org.hyperiot.streaming.api.storm;

import java.util.Map;

/**
 * A worker process (a JVM on a supervisor) running part of a topology.
 *
 * @param host           the supervisor's host
 * @param port           the worker's slot port
 * @param supervisorId   the supervisor's id
 * @param uptimeSeconds  seconds since the worker started
 * @param executors      executors it runs
 * @param componentTasks tasks it runs, per component id
 */
public record WorkerProcess(String host, int port, String supervisorId, long uptimeSeconds, int executors,
        Map<String, Long> componentTasks) {

    /** Copies the task counts. */
    public WorkerProcess {
        componentTasks = componentTasks == null ? Map.of() : Map.copyOf(componentTasks);
    }
}
