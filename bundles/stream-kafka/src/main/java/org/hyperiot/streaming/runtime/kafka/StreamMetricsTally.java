package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.engine.TaskMetrics;

/**
 * A stream's counters as one reporter (a node's workers, a Storm bolt task) publishes them, from its
 * tasks' reports: totals, the lowest watermark, end-to-end latency, and the in and out rates since the
 * tally of at least a second before. Not thread-safe: one per reporter, called from one thread.
 */
public final class StreamMetricsTally {

    /** A task's report with the commits of whatever commits for it. */
    public record Reported(TaskReport report, long commits) {
    }

    private record RateWindow(long at, long in, long out, double inRate, double outRate) {
    }

    private RateWindow rates;

    /**
     * @param reporter the node (or bolt task) the tasks run on
     * @param countsIn whether a task's records count as the stream's input: not those of a repartition,
     *                 which were counted when first read from the source
     * @param commits  the reporter's commits
     * @param now      the time, epoch milliseconds
     */
    public StreamMetrics tally(String stream, String reporter, List<Reported> reported, Predicate<TopicPartition> countsIn,
            long commits, LatencyHistogram latency, long now) {
        long in = 0;
        long out = 0;
        long late = 0;
        long dead = 0;
        long lag = 0;
        Long watermark = null;
        List<StreamMetrics.Task> tasks = new ArrayList<>();
        for (Reported each : reported) {
            TaskReport report = each.report();
            TaskMetrics m = report.metrics();
            Long taskWatermark = m.watermark() == Long.MIN_VALUE ? null : m.watermark();
            String id = report.partition().topic() + "-" + report.partition().partition();
            tasks.add(new StreamMetrics.Task(reporter, id, m.recordsIn(), m.recordsOut(), m.late(), m.deadLettered(),
                    report.lag(), taskWatermark, each.commits()));
            if (countsIn.test(report.partition())) {
                in += m.recordsIn();
            }
            out += m.recordsOut();
            late += m.late();
            dead += m.deadLettered();
            lag += report.lag();
            if (taskWatermark != null) {
                watermark = watermark == null ? taskWatermark : Math.min(watermark, taskWatermark);
            }
        }
        if (rates == null) {
            rates = new RateWindow(now, in, out, 0, 0);
        } else if (now - rates.at() >= 1000) {
            double seconds = (now - rates.at()) / 1000.0;
            rates = new RateWindow(now, in, out, Math.max(0, (in - rates.in()) / seconds),
                    Math.max(0, (out - rates.out()) / seconds));
        }
        return new StreamMetrics(stream, in, out, rates.inRate(), rates.outRate(), late, dead, lag,
                latency.quantile(0.5), latency.quantile(0.99), watermark, commits, tasks);
    }
}
