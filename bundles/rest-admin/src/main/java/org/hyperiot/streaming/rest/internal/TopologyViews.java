package org.hyperiot.streaming.rest.internal;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.storm.BoltStats;
import org.hyperiot.streaming.api.storm.ComponentError;
import org.hyperiot.streaming.api.storm.SpoutStats;
import org.hyperiot.streaming.api.storm.TopologyDetails;
import org.hyperiot.streaming.api.storm.TopologyStatus;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.api.storm.WorkerProcess;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The JSON bodies of the {@code /topologies} routes (SPEC §6), written out here rather than
 * serialising the Storm API's records, so that the wire format is the contract's and stays put when
 * the Java API grows: statuses as their upper-case names, times as ISO-8601 instants.
 */
final class TopologyViews {

    private TopologyViews() {
    }

    /** One line of {@code GET /topologies}. */
    public record Item(String id, String name, TopologyStatus status, long uptimeSeconds, int workers, int executors,
            int tasks, String owner) {
    }

    /** {@code GET /topologies/{id}}: the line's fields, the components and the worker processes. */
    public record Details(String id, String name, TopologyStatus status, long uptimeSeconds, int workers,
            int executors, int tasks, String owner, List<Spout> spouts, List<Bolt> bolts,
            List<Worker> workerProcesses) {
    }

    /** A spout with its counters since deployment. */
    public record Spout(String id, int executors, int tasks, long emitted, long transferred, long acked, long failed,
            double completeLatencyMs, LastError lastError) {
    }

    /** A bolt with its counters since deployment. */
    public record Bolt(String id, int executors, int tasks, long emitted, long transferred, long acked, long failed,
            long executed, double processLatencyMs, double executeLatencyMs, double capacity, LastError lastError) {
    }

    /** The last error a component reported; {@code time} is an ISO-8601 instant. */
    public record LastError(String message, String time, String host, int port) {
    }

    /** A worker process running part of the topology. */
    public record Worker(String host, int port, String supervisorId, long uptimeSeconds, int executors,
            Map<String, Long> componentTasks) {
    }

    /**
     * The body of a 202 from a control route: what Nimbus accepted. Members that the request left
     * to the connector's defaults are absent.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String topology, String action, Integer waitSeconds, Integer workers,
            Map<String, Integer> executors) {
    }

    static Item item(TopologySummary summary) {
        return new Item(summary.id(), summary.name(), summary.status(), summary.uptimeSeconds(), summary.workers(),
                summary.executors(), summary.tasks(), summary.owner());
    }

    static Details details(TopologyDetails details) {
        return new Details(details.id(), details.name(), details.status(), details.uptimeSeconds(), details.workers(),
                details.executors(), details.tasks(), details.owner(),
                details.spouts().stream().map(TopologyViews::spout).toList(),
                details.bolts().stream().map(TopologyViews::bolt).toList(),
                details.workerProcesses().stream().map(TopologyViews::worker).toList());
    }

    private static Spout spout(SpoutStats spout) {
        return new Spout(spout.id(), spout.executors(), spout.tasks(), spout.emitted(), spout.transferred(),
                spout.acked(), spout.failed(), spout.completeLatencyMs(), lastError(spout.lastError()));
    }

    private static Bolt bolt(BoltStats bolt) {
        return new Bolt(bolt.id(), bolt.executors(), bolt.tasks(), bolt.emitted(), bolt.transferred(), bolt.acked(),
                bolt.failed(), bolt.executed(), bolt.processLatencyMs(), bolt.executeLatencyMs(), bolt.capacity(),
                lastError(bolt.lastError()));
    }

    private static Worker worker(WorkerProcess worker) {
        return new Worker(worker.host(), worker.port(), worker.supervisorId(), worker.uptimeSeconds(),
                worker.executors(), worker.componentTasks());
    }

    private static LastError lastError(ComponentError error) {
        return error == null ? null : new LastError(error.message(),
                error.time() == null ? null : error.time().toString(), error.host(), error.port());
    }
}
