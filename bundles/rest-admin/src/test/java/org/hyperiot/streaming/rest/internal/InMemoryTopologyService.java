package org.hyperiot.streaming.rest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.storm.BoltStats;
import org.hyperiot.streaming.api.storm.ComponentError;
import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.SpoutStats;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.hyperiot.streaming.api.storm.TopologyDetails;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.api.storm.WorkerProcess;

/**
 * A Storm cluster in a map, as Nimbus would answer through the connector: topologies found by name
 * or id, control calls recorded in {@link #calls}, and the connector's rules for names and kill
 * waits. {@link #failure} makes the next call fail as the connector would.
 */
public final class InMemoryTopologyService implements TopologyService {

    public static final Instant CHECKED = Instant.parse("2026-12-06T10:15:30Z");

    public final List<String> calls = new ArrayList<>();
    public final Map<String, TopologyDetails> byName = new LinkedHashMap<>();
    public StormException failure;
    public StormClusterStatus cluster = new StormClusterStatus(true, "127.0.0.1:6627", "2.8.3",
            List.of(new StormClusterStatus.Supervisor("sup-1", "127.0.0.1", 4, 1, 120)), 1, "127.0.0.1", null, CHECKED);

    /** Adds a topology with one spout, one bolt and one worker; its id is {@code <name>-1-1795511523}. */
    public InMemoryTopologyService deployed(String name, String owner) {
        byName.put(name, new TopologyDetails(name + "-1-1795511523", name, TopologyStatus.ACTIVE, 42, 1, 3, 3, owner,
                List.of(new SpoutStats("telemetry", 1, 1, 1200, 1200, 1190, 2, 3.5, null)),
                List.of(new BoltStats("engine", 2, 2, 600, 600, 1200, 0, 1200, 0.8, 0.5, 0.01,
                        new ComponentError("java.lang.IllegalStateException: boom", Instant.parse("2026-12-06T10:00:00Z"),
                                "127.0.0.1", 6700))),
                List.of(new WorkerProcess("127.0.0.1", 6700, "sup-1", 40, 3, Map.of("engine", 2L, "telemetry", 1L)))));
        return this;
    }

    @Override
    public List<TopologySummary> list() {
        failIfAsked();
        calls.add("list");
        return byName.values().stream().map(TopologyDetails::summary)
                .sorted(Comparator.comparing(TopologySummary::name)).toList();
    }

    @Override
    public TopologyDetails details(String idOrName) {
        failIfAsked();
        calls.add("details " + idOrName);
        return find(idOrName);
    }

    @Override
    public void activate(String idOrName) {
        failIfAsked();
        setStatus(idOrName, TopologyStatus.ACTIVE);
        calls.add("activate " + idOrName);
    }

    @Override
    public void deactivate(String idOrName) {
        failIfAsked();
        setStatus(idOrName, TopologyStatus.INACTIVE);
        calls.add("deactivate " + idOrName);
    }

    @Override
    public void rebalance(String idOrName, RebalanceRequest request) {
        failIfAsked();
        TopologyDetails topology = find(idOrName);
        List<String> unknown = request.executors().keySet().stream()
                .filter(component -> topology.spouts().stream().noneMatch(s -> s.id().equals(component))
                        && topology.bolts().stream().noneMatch(b -> b.id().equals(component)))
                .toList();
        if (!unknown.isEmpty()) {
            throw new StormException(StormException.INVALID_REQUEST, "Rebalance refused: topology " + topology.name()
                    + " has no component " + String.join(", ", unknown));
        }
        calls.add("rebalance " + idOrName + " wait=" + request.waitSeconds() + " workers=" + request.workers()
                + " executors=" + request.executors());
    }

    @Override
    public void kill(String idOrName) {
        failIfAsked();
        setStatus(idOrName, TopologyStatus.KILLED);
        calls.add("kill " + idOrName + " default");
    }

    @Override
    public void kill(String idOrName, int waitSeconds) {
        failIfAsked();
        if (waitSeconds < MINIMUM_KILL_WAIT_SECONDS) {
            throw new StormException(StormException.INVALID_REQUEST, "Kill refused: waitSeconds " + waitSeconds);
        }
        setStatus(idOrName, TopologyStatus.KILLED);
        calls.add("kill " + idOrName + " " + waitSeconds);
    }

    @Override
    public StormClusterStatus clusterStatus() {
        return cluster;
    }

    private TopologyDetails find(String idOrName) {
        TopologyDetails byItsName = byName.get(idOrName);
        if (byItsName != null) {
            return byItsName;
        }
        return byName.values().stream().filter(t -> t.id().equals(idOrName)).findFirst()
                .orElseThrow(() -> new StormException(StormException.UNKNOWN_TOPOLOGY,
                        "No topology is called or has the id '" + idOrName + "'"));
    }

    private void setStatus(String idOrName, TopologyStatus status) {
        TopologyDetails t = find(idOrName);
        byName.put(t.name(), new TopologyDetails(t.id(), t.name(), status, t.uptimeSeconds(), t.workers(), t.executors(),
                t.tasks(), t.owner(), t.spouts(), t.bolts(), t.workerProcesses()));
    }

    private void failIfAsked() {
        StormException pending = failure;
        if (pending != null) {
            failure = null;
            throw pending;
        }
    }
}
