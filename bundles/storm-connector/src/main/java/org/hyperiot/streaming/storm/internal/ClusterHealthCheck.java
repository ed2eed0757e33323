package org.hyperiot.streaming.storm.internal;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.storm.generated.ClusterSummary;
import org.apache.storm.generated.NimbusSummary;
import org.apache.storm.generated.SupervisorSummary;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.StormException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Nimbus for the cluster's state in the background, at a fixed interval, and keeps the last
 * answer: callers of {@link #status()} (anonymous {@code GET /health} among them) never wait for
 * Nimbus, and Nimbus sees one {@code getClusterInfo} per interval however many ask.
 *
 * <p>An unreachable cluster is normal on a node that runs no Storm work, so it is logged once, as a
 * warning without a stack trace, and again only once it came back and went away again.
 */
final class ClusterHealthCheck implements AutoCloseable {

    static final String NOT_CHECKED_YET = "not checked yet: the first check of the Storm cluster is running";

    private static final Logger LOG = LoggerFactory.getLogger(ClusterHealthCheck.class);

    private final NimbusGateway gateway;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private volatile StormClusterStatus last;

    /** @param scheduler runs the checks; owned by this check from now on and shut down by {@link #close()} */
    ClusterHealthCheck(NimbusGateway gateway, Clock clock, ScheduledExecutorService scheduler) {
        this.gateway = gateway;
        this.clock = clock;
        this.scheduler = scheduler;
        this.last = down(NOT_CHECKED_YET);
    }

    /** Starts checking: at once, then an interval after each check ends. */
    ClusterHealthCheck start() {
        scheduler.scheduleWithFixedDelay(this::check, 0, gateway.settings().healthInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    StormClusterStatus status() {
        return last;
    }

    void check() {
        StormClusterStatus previous = last;
        StormClusterStatus current;
        try {
            current = describe(gateway.read("describe the cluster", nimbus -> nimbus.getClusterInfo()));
        } catch (StormException e) {
            current = down(e.getMessage());
        } catch (RuntimeException e) {
            current = down(StormErrors.describe(e));
        }
        last = current;
        if (!current.up() && (previous.up() || previous.error().equals(NOT_CHECKED_YET))) {
            LOG.warn("Storm cluster unavailable: {}. Topologies cannot be listed or deployed until Nimbus answers; "
                    + "checking again every {} s", current.error(), gateway.settings().healthInterval().toSeconds());
        } else if (current.up() && !previous.up()) {
            LOG.info("Storm cluster available: leader Nimbus {}, {} supervisor(s), {} free slot(s)", current.leader(),
                    current.supervisors().size(), current.freeSlots());
        }
    }

    private StormClusterStatus describe(ClusterSummary summary) {
        NimbusSummary leader = summary.get_nimbuses() == null ? null : summary.get_nimbuses().stream()
                .filter(NimbusSummary::is_isLeader).findFirst().orElse(null);
        List<StormClusterStatus.Supervisor> supervisors = summary.get_supervisors() == null ? List.of()
                : summary.get_supervisors().stream().map(ClusterHealthCheck::supervisor)
                        .sorted(Comparator.comparing(StormClusterStatus.Supervisor::host)).toList();
        int topologies = summary.get_topologies() == null ? 0 : summary.get_topologies().size();
        return new StormClusterStatus(true, leader == null ? gateway.leader() : leader.get_host() + ":" + leader.get_port(),
                leader == null ? null : leader.get_version(), supervisors, topologies, gateway.settings().seedsText(),
                null, clock.instant());
    }

    private static StormClusterStatus.Supervisor supervisor(SupervisorSummary summary) {
        return new StormClusterStatus.Supervisor(summary.get_supervisor_id(), summary.get_host(),
                summary.get_num_workers(), summary.get_num_used_workers(), summary.get_uptime_secs());
    }

    private StormClusterStatus down(String reason) {
        return new StormClusterStatus(false, null, null, List.of(), 0, gateway.settings().seedsText(), reason,
                clock.instant());
    }

    /** Stops checking and waits for a running check, so that the gateway can be closed after it. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
