package org.hyperiot.streaming.api.storm;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the Storm cluster answered when last asked, for {@code /health} and {@code /cluster}.
 *
 * @param up          whether a Nimbus leader answered within the connector's timeouts
 * @param leader      the leader Nimbus as {@code host:port}, {@code null} when down
 * @param version     the Storm version the leader runs, {@code null} when down
 * @param supervisors the supervisors (machines that run workers), empty when down
 * @param topologies  topologies deployed, 0 when down
 * @param nimbusSeeds the seeds the connector asked, as configured
 * @param error       why the cluster is down, written for an operator; {@code null} when up
 * @param checkedAt   when the answer was obtained
 */
public record StormClusterStatus(boolean up, String leader, String version, List<Supervisor> supervisors,
        int topologies, String nimbusSeeds, String error, Instant checkedAt) {

    /** Copies the supervisors and checks that a cluster that is down says why. */
    public StormClusterStatus {
        supervisors = List.copyOf(supervisors);
        Objects.requireNonNull(checkedAt, "checkedAt");
        if (!up && (error == null || error.isBlank())) {
            throw new IllegalArgumentException("a cluster that is down must say why");
        }
    }

    /** {@code UP} or {@code DOWN}, as {@code /health} shows it. */
    public String status() {
        return up ? "UP" : "DOWN";
    }

    /** Worker slots in use over all supervisors. */
    public int usedSlots() {
        return supervisors.stream().mapToInt(Supervisor::usedSlots).sum();
    }

    /** Worker slots free over all supervisors. */
    public int freeSlots() {
        return supervisors.stream().mapToInt(supervisor -> supervisor.totalSlots() - supervisor.usedSlots()).sum();
    }

    /**
     * One supervisor of the cluster.
     *
     * @param id            its id
     * @param host          its host
     * @param totalSlots    worker slots it offers
     * @param usedSlots     worker slots in use
     * @param uptimeSeconds seconds since it started
     */
    public record Supervisor(String id, String host, int totalSlots, int usedSlots, long uptimeSeconds) {
    }
}
