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
 */
public record StreamMetrics(String name, long recordsIn, long recordsOut, double recordsInPerSecond,
        double recordsOutPerSecond, long late, long deadLettered, long lag, Double latencyP50Ms, Double latencyP99Ms,
        Long watermark, long commits, List<Task> tasks) {

    /** Keeps an unmodifiable copy of the tasks. */
    public StreamMetrics {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
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
