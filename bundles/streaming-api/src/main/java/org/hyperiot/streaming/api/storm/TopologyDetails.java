package org.hyperiot.streaming.api.storm;

import java.util.List;
import java.util.Objects;

/**
 * A topology in detail, as {@code GET /topologies/{id}} shows it: the fields of its
 * {@link TopologySummary} plus its components with their counters since deployment and its worker
 * processes.
 *
 * @param id              the id of this deployment
 * @param name            the topology's name
 * @param status          its state
 * @param uptimeSeconds   seconds since it was deployed
 * @param workers         worker processes assigned to it
 * @param executors       executors over all its components
 * @param tasks           tasks over all its components
 * @param owner           as in {@link TopologySummary#owner()}
 * @param spouts          its spouts, by id
 * @param bolts           its bolts, by id (Storm's own system bolts such as ackers left out)
 * @param workerProcesses the worker processes running it, by host and port
 */
public record TopologyDetails(String id, String name, TopologyStatus status, long uptimeSeconds, int workers,
        int executors, int tasks, String owner, List<SpoutStats> spouts, List<BoltStats> bolts,
        List<WorkerProcess> workerProcesses) {

    /** Checks the identity fields and copies the lists. */
    public TopologyDetails {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        spouts = List.copyOf(spouts);
        bolts = List.copyOf(bolts);
        workerProcesses = List.copyOf(workerProcesses);
    }

    /** The summary part of these details. */
    public TopologySummary summary() {
        return new TopologySummary(id, name, status, uptimeSeconds, workers, executors, tasks, owner);
    }
}
