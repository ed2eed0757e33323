package org.hyperiot.streaming.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.TopologyService;

/**
 * Storm as {@code /health} and {@code /cluster} show it, from the status the Storm connector keeps
 * from its last background check (never a call to Nimbus).
 *
 * <p>Whether Storm being down makes the node DOWN depends on the node's Storm work. A node with
 * topology providers registered (user topology bundles, and streams compiled to topologies) cannot
 * do its job without Storm, so there Storm is {@code required} and counts like Kafka. A node without
 * any only reports Storm: an unreachable Storm is shown DOWN with its reason, and the node stays UP,
 * so that installing the Storm feature on a node that does not use it yet, or Storm going away
 * before anything was deployed, does not take a healthy node out of its load balancer.
 */
final class StormHealth {

    /** The component's name in {@code /health}. */
    static final String COMPONENT = "storm";

    /** The member of a component that says whether the node's status depends on it. */
    static final String REQUIRED = "required";

    static final String NOT_RUNNING = "The Storm connector is not running on this node, but topology providers are "
            + "registered here; install the feature hyperiot-streaming-storm (and check its configuration, "
            + "org.hyperiot.streaming.storm)";

    private StormHealth() {
    }

    /**
     * The {@code storm} component of {@code /health}, or {@code null} when the node has neither the
     * Storm connector nor any topology provider (it has nothing to say about Storm).
     *
     * @param connector the Storm connector's topology service, null when it is not running
     * @param providers topology providers registered on this node
     */
    static Map<String, Object> component(TopologyService connector, int providers) {
        if (connector == null && providers == 0) {
            return null;
        }
        Map<String, Object> storm = new LinkedHashMap<>();
        if (connector == null) {
            storm.put("status", "DOWN");
            storm.put("error", NOT_RUNNING);
        } else {
            StormClusterStatus status;
            try {
                status = connector.clusterStatus();
            } catch (RuntimeException e) {
                storm.put("status", "DOWN");
                storm.put("error", "the Storm connector could not tell the cluster's status: "
                        + StormDetails.forClient(e.getMessage()));
                status = null;
            }
            if (status != null) {
                storm.put("status", status.status());
                if (status.error() != null) {
                    storm.put("error", StormDetails.forClient(status.error()));
                }
                storm.put("leader", status.leader());
                storm.put("version", status.version());
                storm.put("nimbusSeeds", status.nimbusSeeds());
                storm.put("supervisors", status.supervisors().size());
                storm.put("usedSlots", status.usedSlots());
                storm.put("freeSlots", status.freeSlots());
                storm.put("topologies", status.topologies());
                storm.put("checkedAt", status.checkedAt().toString());
            }
        }
        storm.put(REQUIRED, providers > 0);
        storm.put("topologyProviders", providers);
        storm.values().removeIf(value -> value == null);
        return storm;
    }

    /** Whether a component of {@code /health} lets the node be UP: it is up, or the node does not depend on it. */
    static boolean allowsUp(Map<?, ?> component) {
        return "UP".equals(component.get("status")) || Boolean.FALSE.equals(component.get(REQUIRED));
    }

    /** The {@code storm} member of {@code /cluster}: the cluster in full, or {@code NOT_INSTALLED}. */
    static Map<String, Object> cluster(TopologyService connector) {
        Map<String, Object> storm = new LinkedHashMap<>();
        if (connector == null) {
            storm.put("status", "NOT_INSTALLED");
            return storm;
        }
        StormClusterStatus status = connector.clusterStatus();
        storm.put("status", status.status());
        if (status.error() != null) {
            storm.put("error", StormDetails.forClient(status.error()));
        }
        storm.put("leader", status.leader());
        storm.put("version", status.version());
        storm.put("nimbusSeeds", status.nimbusSeeds());
        storm.put("supervisors", status.supervisors().stream().map(supervisor -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", supervisor.id());
            one.put("host", supervisor.host());
            one.put("totalSlots", supervisor.totalSlots());
            one.put("usedSlots", supervisor.usedSlots());
            one.put("freeSlots", supervisor.totalSlots() - supervisor.usedSlots());
            one.put("uptimeSeconds", supervisor.uptimeSeconds());
            return one;
        }).toList());
        storm.put("usedSlots", status.usedSlots());
        storm.put("freeSlots", status.freeSlots());
        storm.put("topologies", status.topologies());
        storm.put("checkedAt", status.checkedAt().toString());
        storm.values().removeIf(value -> value == null);
        return storm;
    }
}
