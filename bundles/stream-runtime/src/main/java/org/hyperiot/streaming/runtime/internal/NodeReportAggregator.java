package org.hyperiot.streaming.runtime.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.runtime.kafka.NodeReport;
import org.hyperiot.streaming.runtime.internal.store.StoredStream;

/**
 * Merges what the nodes report about one stream into the cluster's answer: its state and tasks
 * ({@link StreamStatus}) and its counters ({@link StreamMetrics}). A report older than three report
 * intervals plus five seconds comes from a node that stopped or died and is left out. Pure: the
 * caller passes the reports and the time.
 */
public final class NodeReportAggregator {

    /**
     * The id of the task a node reports for a stream it is asked to run but holds back because of a
     * limit of its own ({@code max.streams}, {@code max.worker.threads}); its last error says which.
     * It makes the stream {@code WAITING} only when no node runs any other task of it.
     */
    public static final String HELD_BACK_TASK = "held-back";

    /** Slack for clocks and a slow status topic on top of three missed report intervals. */
    private static final long SLACK_MS = 5000;

    private final long maxAgeMs;

    /** @param reportInterval how often every node reports */
    public NodeReportAggregator(Duration reportInterval) {
        this.maxAgeMs = 3 * reportInterval.toMillis() + SLACK_MS;
    }

    /** The oldest {@link NodeReport#reportedAt()} a live node's report can have at {@code now}. */
    public long liveSince(long now) {
        return now - maxAgeMs;
    }

    /**
     * The stream's state and the tasks of every live node, ordered by task then node.
     *
     * @param engineInstalled whether the stream's engine is installed on this node
     */
    public StreamStatus status(StoredStream stream, List<NodeReport> reports, boolean engineInstalled, long now) {
        // A set: an engine with a central scheduler (storm) has every node report the same task once.
        Set<TaskStatus> distinct = new LinkedHashSet<>();
        live(reports, now).forEach(report -> distinct.addAll(report.tasks()));
        List<TaskStatus> tasks = new ArrayList<>(distinct);
        tasks.sort(Comparator.comparing(TaskStatus::task).thenComparing(TaskStatus::node));
        String lastError = tasks.stream().map(TaskStatus::lastError).filter(Objects::nonNull).findFirst().orElse(null);
        StreamState state = switch (stream.desired()) {
            case CREATED -> StreamState.CREATED;
            case STOPPED -> StreamState.STOPPED;
            case RUNNING -> runningState(tasks, engineInstalled);
        };
        return new StreamStatus(stream.definition().name(), state, tasks, lastError);
    }

    /**
     * The state of a stream asked to run: a failed task fails the stream, a waiting one makes it
     * wait, and it runs only when every task runs. Without tasks it is {@code WAITING} while its engine
     * is missing here (the engine may be installed elsewhere, whose tasks would show), and
     * {@code REBALANCING} while the engine hands out its work. A node holding the stream back does not
     * count while other nodes run it: their tasks cover its partitions.
     */
    static StreamState runningState(List<TaskStatus> tasks, boolean engineInstalled) {
        if (!engineInstalled && tasks.isEmpty()) {
            return StreamState.WAITING;
        }
        List<TaskStatus> working = tasks.stream().filter(task -> !HELD_BACK_TASK.equals(task.task())).toList();
        Set<StreamState> states = EnumSet.noneOf(StreamState.class);
        (working.isEmpty() ? tasks : working).forEach(task -> states.add(task.state()));
        if (states.contains(StreamState.FAILED)) {
            return StreamState.FAILED;
        }
        if (states.contains(StreamState.WAITING)) {
            return StreamState.WAITING;
        }
        if (states.equals(EnumSet.of(StreamState.RUNNING))) {
            return StreamState.RUNNING;
        }
        return StreamState.REBALANCING;
    }

    /**
     * The stream's counters summed over the live nodes, with every node's tasks. Quantiles cannot be
     * merged from quantiles, so the latencies are the worst node's: an honest upper bound. The
     * watermark is the lowest, since no window beyond it can be final everywhere.
     */
    public StreamMetrics metrics(String name, List<NodeReport> reports, long now) {
        long in = 0;
        long out = 0;
        double inRate = 0;
        double outRate = 0;
        long late = 0;
        long dead = 0;
        long lag = 0;
        long commits = 0;
        Double p50 = null;
        Double p99 = null;
        Long watermark = null;
        List<StreamMetrics.Task> tasks = new ArrayList<>();
        for (NodeReport report : live(reports, now)) {
            StreamMetrics m = report.metrics();
            if (m == null) {
                continue;
            }
            in += m.recordsIn();
            out += m.recordsOut();
            inRate += m.recordsInPerSecond();
            outRate += m.recordsOutPerSecond();
            late += m.late();
            dead += m.deadLettered();
            lag += m.lag();
            commits += m.commits();
            p50 = max(p50, m.latencyP50Ms());
            p99 = max(p99, m.latencyP99Ms());
            if (m.watermark() != null) {
                watermark = watermark == null ? m.watermark() : Math.min(watermark, m.watermark());
            }
            tasks.addAll(m.tasks());
        }
        tasks.sort(Comparator.comparing(StreamMetrics.Task::task).thenComparing(StreamMetrics.Task::node));
        return new StreamMetrics(name, in, out, inRate, outRate, late, dead, lag, p50, p99, watermark, commits, tasks);
    }

    private List<NodeReport> live(List<NodeReport> reports, long now) {
        long since = liveSince(now);
        return reports.stream().filter(report -> report.reportedAt() >= since).toList();
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Math.max(a, b);
    }
}
