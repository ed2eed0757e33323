package org.hyperiot.streaming.storm.streams.internal;

import java.util.List;
import java.util.Optional;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.storm.SpoutStats;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyDetails;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.hyperiot.streaming.api.storm.TopologySummary;

/**
 * The task a storm stream reports: its topology as Nimbus lists it. Every node reports the same task
 * (node {@value #NODE}), so the stream's status shows it once.
 */
final class StormStreamStatus {

    /** The node of a storm stream's tasks: the cluster, not a HyperIoT node. */
    static final String NODE = "storm";
    /** How long a listing of Nimbus' topologies is reused: every stream's report asks. */
    private static final long CACHE_MS = 2000;

    private final TopologyService topologies;
    private List<TopologySummary> listed = List.of();
    private String listError;
    /** When the listing was taken; 0 before the first, which is therefore taken at once. */
    private long listedAt;

    StormStreamStatus(TopologyService topologies) {
        this.topologies = topologies;
    }

    /** The failed task of a stream refused by this engine. */
    static TaskStatus refused(String reason) {
        return new TaskStatus(NODE, "topology", List.of(), StreamState.FAILED, reason);
    }

    /** The waiting task of a stream whose internal topics are not ready yet. */
    static TaskStatus waiting(String reason) {
        return new TaskStatus(NODE, "topology", List.of(), StreamState.WAITING, reason);
    }

    /** The topology of a deployed stream as Nimbus lists it; empty while it has not got it or does not answer. */
    synchronized Optional<TopologySummary> summary(StreamTopologyProvider provider) {
        refresh();
        return listed.stream().filter(summary -> summary.name().equals(provider.name())).findFirst();
    }

    /** The task of a deployed stream: running once Nimbus has its topology active. */
    List<TaskStatus> tasks(StreamTopologyProvider provider) {
        String name = provider.name();
        Optional<TopologySummary> found;
        String error;
        synchronized (this) {
            found = summary(provider);
            error = listError;
        }
        if (found.isEmpty()) {
            return List.of(new TaskStatus(NODE, name, List.of(), StreamState.WAITING, error != null ? error
                    : "topology " + name + " is being deployed (the Storm connector's log tells why if it stays so)"));
        }
        TopologySummary summary = found.get();
        StreamState state = switch (summary.status()) {
            case ACTIVE -> StreamState.RUNNING;
            case REBALANCING -> StreamState.REBALANCING;
            case INACTIVE, KILLED -> StreamState.WAITING;
        };
        String detail = state == StreamState.RUNNING ? null : "topology " + summary.id() + " is " + summary.status();
        return List.of(new TaskStatus(NODE, summary.id(), List.of(), state, detail));
    }

    /**
     * Storm's count of the topology's tuple trees, over its spouts; empty while Nimbus does not have it
     * or does not answer.
     */
    Optional<StreamMetrics.StormTuples> tuples(StreamTopologyProvider provider) {
        try {
            TopologyDetails details = topologies.details(provider.name());
            long acked = details.spouts().stream().mapToLong(SpoutStats::acked).sum();
            long failed = details.spouts().stream().mapToLong(SpoutStats::failed).sum();
            return Optional.of(new StreamMetrics.StormTuples(acked, failed));
        } catch (StormException e) {
            return Optional.empty();
        }
    }

    private void refresh() {
        long now = System.currentTimeMillis();
        if (now - listedAt < CACHE_MS) {
            return;
        }
        listedAt = now;
        try {
            listed = topologies.list();
            listError = null;
        } catch (StormException e) {
            listed = List.of();
            listError = "Storm is not reachable: " + e.getMessage();
        }
    }
}
