package org.hyperiot.streaming.storm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyService;

/** Checks control requests before they go to Nimbus, naming every problem at once. */
final class RebalanceRequests {

    private RebalanceRequests() {
    }

    /**
     * The request with its wait filled in ({@code defaultWaitSeconds} when absent);
     * {@code INVALID_REQUEST} for a negative wait, fewer than one worker, or an executor count under
     * one or a blank component id.
     */
    static RebalanceRequest check(RebalanceRequest request, int defaultWaitSeconds) {
        RebalanceRequest given = request == null ? new RebalanceRequest(null, null, null) : request;
        List<String> problems = new ArrayList<>();
        if (given.waitSeconds() != null && given.waitSeconds() < 0) {
            problems.add("waitSeconds must not be negative, not " + given.waitSeconds());
        }
        if (given.workers() != null && given.workers() < 1) {
            problems.add("workers must be at least 1, not " + given.workers());
        }
        for (Map.Entry<String, Integer> entry : given.executors().entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                problems.add("executors names an empty component");
            } else if (entry.getValue() == null || entry.getValue() < 1) {
                problems.add("executors of " + TopologyNames.quoted(entry.getKey()) + " must be at least 1, not "
                        + entry.getValue());
            }
        }
        if (!problems.isEmpty()) {
            throw new StormException(StormException.INVALID_REQUEST, "Rebalance refused: " + String.join("; ", problems));
        }
        return new RebalanceRequest(given.waitSeconds() == null ? defaultWaitSeconds : given.waitSeconds(),
                given.workers(), given.executors());
    }

    /** {@code INVALID_REQUEST} naming the components of the request that the topology does not have. */
    static void checkComponents(RebalanceRequest request, Set<String> components, String topologyName) {
        Set<String> unknown = new TreeSet<>(request.executors().keySet());
        unknown.removeAll(components);
        if (!unknown.isEmpty()) {
            throw new StormException(StormException.INVALID_REQUEST, "Rebalance refused: topology " + topologyName
                    + " has no component " + String.join(", ", unknown) + " (it has " + new TreeSet<>(components) + ")");
        }
    }

    /** {@code INVALID_REQUEST} for a kill wait under the minimum. */
    static void checkKillWait(int waitSeconds) {
        if (waitSeconds < TopologyService.MINIMUM_KILL_WAIT_SECONDS) {
            throw new StormException(StormException.INVALID_REQUEST, "Kill refused: waitSeconds must be at least "
                    + TopologyService.MINIMUM_KILL_WAIT_SECONDS + ", not " + waitSeconds
                    + ", so that workers can stop cleanly");
        }
    }
}
