package org.hyperiot.streaming.storm.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.storm.generated.ComponentAggregateStats;
import org.apache.storm.generated.ErrorInfo;
import org.apache.storm.generated.KillOptions;
import org.apache.storm.generated.RebalanceOptions;
import org.apache.storm.generated.StormTopology;
import org.apache.storm.generated.TopologyPageInfo;
import org.apache.storm.generated.WorkerSummary;
import org.apache.storm.utils.Utils;
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
 * {@link TopologyService} over the gateway. Nimbus' control calls take topology names and its info
 * calls take ids, so every request first finds the topology in one {@code getTopologySummaries}
 * (which also tells an unknown topology apart without making Nimbus log a stack trace, as its
 * by-name lookups do). Owners are read from each deployment's configuration once and remembered by
 * id: an id never changes its configuration.
 */
public final class NimbusTopologies implements TopologyService {

    /** Stats since deployment; the shorter windows answer a different question. */
    private static final String ALL_TIME = ":all-time";

    private final StormConnection connection;
    private final Map<String, Optional<String>> ownersById = new ConcurrentHashMap<>();

    public NimbusTopologies(StormConnection connection) {
        this.connection = connection;
    }

    private NimbusGateway gateway() {
        return connection.gateway();
    }

    @Override
    public List<TopologySummary> list() {
        List<org.apache.storm.generated.TopologySummary> summaries = gateway().read("list topologies",
                nimbus -> nimbus.getTopologySummaries());
        Set<String> ids = new HashSet<>();
        summaries.forEach(summary -> ids.add(summary.get_id()));
        ownersById.keySet().retainAll(ids);
        return summaries.stream().map(summary -> summary(summary, owner(summary.get_id())))
                .sorted(Comparator.comparing(TopologySummary::name)).toList();
    }

    @Override
    public TopologyDetails details(String idOrName) {
        org.apache.storm.generated.TopologySummary found = find(idOrName);
        TopologyPageInfo page = gateway().read("describe topology " + found.get_name(),
                nimbus -> nimbus.getTopologyPageInfo(found.get_id(), ALL_TIME, false));
        String owner = ownerFrom(page.get_topology_conf());
        List<SpoutStats> spouts = page.get_id_to_spout_agg_stats() == null ? List.of()
                : page.get_id_to_spout_agg_stats().entrySet().stream()
                        .map(entry -> spout(entry.getKey(), entry.getValue()))
                        .sorted(Comparator.comparing(SpoutStats::id)).toList();
        List<BoltStats> bolts = page.get_id_to_bolt_agg_stats() == null ? List.of()
                : page.get_id_to_bolt_agg_stats().entrySet().stream()
                        .filter(entry -> !Utils.isSystemId(entry.getKey()))
                        .map(entry -> bolt(entry.getKey(), entry.getValue()))
                        .sorted(Comparator.comparing(BoltStats::id)).toList();
        List<WorkerProcess> workers = page.get_workers() == null ? List.of()
                : page.get_workers().stream().map(NimbusTopologies::worker)
                        .sorted(Comparator.comparing(WorkerProcess::host).thenComparing(WorkerProcess::port)).toList();
        return new TopologyDetails(page.get_id(), page.get_name(), status(page.get_status()), page.get_uptime_secs(),
                page.get_num_workers(), page.get_num_executors(), page.get_num_tasks(), owner, spouts, bolts, workers);
    }

    @Override
    public void activate(String idOrName) {
        String name = find(idOrName).get_name();
        gateway().write("activate topology " + name, nimbus -> {
            nimbus.activate(name);
            return null;
        });
    }

    @Override
    public void deactivate(String idOrName) {
        String name = find(idOrName).get_name();
        gateway().write("deactivate topology " + name, nimbus -> {
            nimbus.deactivate(name);
            return null;
        });
    }

    @Override
    public void rebalance(String idOrName, RebalanceRequest request) {
        RebalanceRequest checked = RebalanceRequests.check(request, gateway().settings().killWaitSeconds());
        org.apache.storm.generated.TopologySummary found = find(idOrName);
        String name = found.get_name();
        if (!checked.executors().isEmpty()) {
            StormTopology topology = gateway().read("read topology " + name,
                    nimbus -> nimbus.getUserTopology(found.get_id()));
            Set<String> components = new HashSet<>(topology.get_spouts().keySet());
            components.addAll(topology.get_bolts().keySet());
            RebalanceRequests.checkComponents(checked, components, name);
        }
        RebalanceOptions options = new RebalanceOptions();
        options.set_wait_secs(checked.waitSeconds());
        if (checked.workers() != null) {
            options.set_num_workers(checked.workers());
        }
        if (!checked.executors().isEmpty()) {
            options.set_num_executors(checked.executors());
        }
        gateway().write("rebalance topology " + name, nimbus -> {
            nimbus.rebalance(name, options);
            return null;
        });
    }

    @Override
    public void kill(String idOrName) {
        kill(idOrName, gateway().settings().killWaitSeconds());
    }

    @Override
    public void kill(String idOrName, int waitSeconds) {
        RebalanceRequests.checkKillWait(waitSeconds);
        String name = find(idOrName).get_name();
        KillOptions options = new KillOptions();
        options.set_wait_secs(waitSeconds);
        gateway().write("kill topology " + name, nimbus -> {
            nimbus.killTopologyWithOpts(name, options);
            return null;
        });
    }

    @Override
    public StormClusterStatus clusterStatus() {
        return connection.clusterStatus();
    }

    /** The topology called {@code idOrName}, or whose current id it is; {@code UNKNOWN_TOPOLOGY} if none. */
    private org.apache.storm.generated.TopologySummary find(String idOrName) {
        TopologyNames.checkIdOrName(idOrName);
        List<org.apache.storm.generated.TopologySummary> summaries = gateway().read("list topologies",
                nimbus -> nimbus.getTopologySummaries());
        return summaries.stream().filter(summary -> summary.get_name().equals(idOrName)).findFirst()
                .or(() -> summaries.stream().filter(summary -> summary.get_id().equals(idOrName)).findFirst())
                .orElseThrow(() -> new StormException(StormException.UNKNOWN_TOPOLOGY,
                        "No topology is called or has the id '" + idOrName + "'"));
    }

    private String owner(String id) {
        Optional<String> known = ownersById.get(id);
        if (known != null) {
            return known.orElse(null);
        }
        try {
            Optional<String> owner = Optional.ofNullable(ownerFrom(gateway().read(
                    "read the configuration of topology " + id, nimbus -> nimbus.getTopologyConf(id))));
            ownersById.put(id, owner);
            return owner.orElse(null);
        } catch (StormException e) {
            // Killed between the listing and this read: there is no owner to show.
            if (StormException.UNKNOWN_TOPOLOGY.equals(e.errorCode())) {
                return null;
            }
            throw e;
        }
    }

    static String ownerFrom(String jsonConfiguration) {
        if (jsonConfiguration == null) {
            return null;
        }
        Object owner = Utils.parseJson(jsonConfiguration).get(TopologyConfiguration.OWNER_KEY);
        return owner instanceof String text ? text : null;
    }

    static TopologyStatus status(String status) {
        try {
            return TopologyStatus.valueOf(status);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StormException(StormException.STORM_ERROR, "Nimbus reported an unknown topology status: " + status);
        }
    }

    private static TopologySummary summary(org.apache.storm.generated.TopologySummary summary, String owner) {
        return new TopologySummary(summary.get_id(), summary.get_name(), status(summary.get_status()),
                summary.get_uptime_secs(), summary.get_num_workers(), summary.get_num_executors(),
                summary.get_num_tasks(), owner);
    }

    private static SpoutStats spout(String id, ComponentAggregateStats stats) {
        var common = stats.get_common_stats();
        double completeLatency = stats.is_set_specific_stats() && stats.get_specific_stats().is_set_spout()
                ? stats.get_specific_stats().get_spout().get_complete_latency_ms() : 0;
        return new SpoutStats(id, common.get_num_executors(), common.get_num_tasks(), common.get_emitted(),
                common.get_transferred(), common.get_acked(), common.get_failed(), finite(completeLatency),
                error(stats.get_last_error()));
    }

    private static BoltStats bolt(String id, ComponentAggregateStats stats) {
        var common = stats.get_common_stats();
        boolean specific = stats.is_set_specific_stats() && stats.get_specific_stats().is_set_bolt();
        var bolt = specific ? stats.get_specific_stats().get_bolt() : null;
        return new BoltStats(id, common.get_num_executors(), common.get_num_tasks(), common.get_emitted(),
                common.get_transferred(), common.get_acked(), common.get_failed(), bolt == null ? 0 : bolt.get_executed(),
                bolt == null ? 0 : finite(bolt.get_process_latency_ms()),
                bolt == null ? 0 : finite(bolt.get_execute_latency_ms()), bolt == null ? 0 : finite(bolt.get_capacity()),
                error(stats.get_last_error()));
    }

    private static WorkerProcess worker(WorkerSummary worker) {
        return new WorkerProcess(worker.get_host(), worker.get_port(), worker.get_supervisor_id(),
                worker.get_uptime_secs(), worker.get_num_executors(), worker.get_component_to_num_tasks());
    }

    private static ComponentError error(ErrorInfo error) {
        return error == null ? null : new ComponentError(error.get_error(),
                Instant.ofEpochSecond(error.get_error_time_secs()), error.get_host(), error.get_port());
    }

    /** Storm reports NaN for averages over nothing; JSON has no NaN. */
    private static double finite(double value) {
        return Double.isFinite(value) ? value : 0;
    }
}
