package org.hyperiot.streaming.api.storm;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The topologies of the Storm cluster the node is connected to (configuration PID
 * {@code org.hyperiot.streaming.storm}), listed and controlled over Nimbus' Thrift API, as Storm's
 * own client does.
 *
 * <p>A topology is named by {@code idOrName}: its name, or the id of its current deployment. Every
 * method waits for Nimbus' answer (bounded by the connector's request timeout) and throws
 * {@link StormException} with a stable {@link StormException#errorCode() code} when Nimbus refused
 * or could not be reached: {@code UNKNOWN_TOPOLOGY}, {@code NIMBUS_UNAVAILABLE},
 * {@code INVALID_REQUEST}, {@code NOT_AUTHORIZED}, {@code INTERRUPTED} or {@code STORM_ERROR}.
 *
 * <p>The control methods return once Nimbus has accepted the request; Storm carries it out after
 * the wait it was given.
 */
@ProviderType
public interface TopologyService {

    /** The shortest kill wait accepted: shorter waits leave workers no time to stop cleanly. */
    int MINIMUM_KILL_WAIT_SECONDS = 5;

    /** Every topology Nimbus knows, killed ones still waiting included, by name. */
    List<TopologySummary> list();

    /** The topology in detail, with its components' counters since deployment and its workers. */
    TopologyDetails details(String idOrName);

    /** Lets the topology's spouts emit again. Activating an active topology changes nothing. */
    void activate(String idOrName);

    /** Stops the topology's spouts from emitting; tuples in flight still complete. */
    void deactivate(String idOrName);

    /**
     * Moves the topology's executors over workers, optionally changing the number of workers and of
     * executors per component. {@code INVALID_REQUEST} for a negative wait, fewer than one worker or
     * executor, or a component the topology does not have.
     */
    void rebalance(String idOrName, RebalanceRequest request);

    /** Kills the topology after the connector's default wait ({@code kill.wait.seconds}). */
    void kill(String idOrName);

    /**
     * Kills the topology: Nimbus deactivates it at once and removes it after {@code waitSeconds}, so
     * that tuples in flight can complete. {@code INVALID_REQUEST} for a wait under
     * {@link #MINIMUM_KILL_WAIT_SECONDS}.
     */
    void kill(String idOrName, int waitSeconds);

    /**
     * The cluster's state as the connector last found it. Returns at once and never asks Nimbus:
     * the connector checks in the background.
     */
    StormClusterStatus clusterStatus();
}
