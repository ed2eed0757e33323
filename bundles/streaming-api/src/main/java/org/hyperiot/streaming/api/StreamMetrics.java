package org.hyperiot.streaming.api;

import java.util.List;

/**
 * The counters of a stream, summed over its tasks. Totals count since each task started on its
 * node; rates are per second over the last reporting interval.
 *
 * @param name                the stream
 * @param recordsIn           records read from the source
 * @param recordsOut          records written to the sink (pipeline outputs and window results)
 * @param recordsInPerSecond  input rate
 * @param recordsOutPerSecond output rate
 * @param late                records later than their window allowed, sent to the late-record topic or dropped
 * @param deadLettered        records sent to the dead-letter topic
 * @param lag                 records in the source partitions not yet read (sum of the consumer lag)
 * @param latencyP50Ms        median end-to-end latency: from the source record's timestamp until its
 *                            outputs are committed; {@code null} before the first commit
 * @param latencyP99Ms        99th percentile of the same
 * @param watermark           the lowest task watermark, {@code null} before the first
 * @param commits             commits (offset commits or transactions) made
 * @param tasks               the same counters per task
 * @param storm               for a stream on the {@code storm} engine, Storm's own count of its tuples;
 *                            {@code null} on other engines, or while Nimbus does not answer
 */
public record StreamMetrics(String name, long recordsIn, long recordsOut, double recordsInPerSecond,
        double recordsOutPerSecond, long late, long deadLettered, long lag, Double latencyP50Ms, Double latencyP99Ms,
        Long watermark, long commits, List<Task> tasks, StormTuples storm) {

    /** Keeps an unmodifiable copy of the tasks. */
    public StreamMetrics {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The counters of a stream without Storm's tuple counts. */
    public StreamMetrics(String name, long recordsIn, long recordsOut, double recordsInPerSecond,
            double recordsOutPerSecond, long late, long deadLettered, long lag, Double latencyP50Ms,
            Double latencyP99Ms, Long watermark, long commits, List<Task> tasks) {
        this(name, recordsIn, recordsOut, recordsInPerSecond, recordsOutPerSecond, late, deadLettered, lag,
                latencyP50Ms, latencyP99Ms, watermark, commits, tasks, null);
    }

    /**
     * The same counters with Storm's tuple counts.
     *
     * @since 1.3
     */
    public StreamMetrics withStorm(StormTuples counts) {
        return new StreamMetrics(name, recordsIn, recordsOut, recordsInPerSecond, recordsOutPerSecond, late,
                deadLettered, lag, latencyP50Ms, latencyP99Ms, watermark, commits, tasks, counts);
    }

    /**
     * Storm's count of a topology's tuple trees, summed over its spouts since the topology was deployed
     * (a replaced topology starts again from 0), as the Storm UI shows them.
     *
     * @param acked  tuple trees completed: every bolt acknowledged its tuple, after the commit covering it
     * @param failed tuple trees failed or timed out, each of which made the spout rewind its partition
     * @since 1.3
     */
    public record StormTuples(long acked, long failed) {
    }

    /**
     * The counters of one task.
     *
     * @param node         the node running it
     * @param task         the task's id
     * @param recordsIn    records read
     * @param recordsOut   records written to the sink
     * @param late         late records
     * @param deadLettered dead letters
     * @param lag          consumer lag of its partitions
     * @param watermark    its watermark, {@code null} before the first
     * @param commits      commits made by the thread running it
     */
    public record Task(String node, String task, long recordsIn, long recordsOut, long late, long deadLettered,
            long lag, Long watermark, long commits) {
    }
}
