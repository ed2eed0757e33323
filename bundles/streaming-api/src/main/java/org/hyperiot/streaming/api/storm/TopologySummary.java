package org.hyperiot.streaming.api.storm;

import java.util.Objects;

/**
 * One topology of the cluster, as {@code GET /topologies} lists it.
 *
 * @param id            the id Nimbus gave this deployment (it changes at every deployment)
 * @param name          the topology's name, unique in the cluster
 * @param status        its state
 * @param uptimeSeconds seconds since it was deployed
 * @param workers       worker processes assigned to it
 * @param executors     executors (threads) over all its components
 * @param tasks         tasks over all its components
 * @param owner         who deployed it through the platform: {@code stream:<name>} for a stream,
 *                      {@code bundle:<symbolic name>} for a {@link TopologyProvider}, {@code null}
 *                      for a topology deployed some other way
 */
public record TopologySummary(String id, String name, TopologyStatus status, long uptimeSeconds, int workers,
        int executors, int tasks, String owner) {

    /** Checks the identity fields. */
    public TopologySummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
