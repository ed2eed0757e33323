package org.hyperiot.streaming.runtime.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What one node runs of one stream, as it last reported it to the status topic: a Karaf node's
 * workers, or a Storm bolt task of a stream on Storm (node {@code storm-<task>}), which report alike so
 * that a stream's status and metrics gather both. {@link #encode} and {@link #decode} are the topic's
 * value format, {@link #key} its key.
 *
 * @param node       the node
 * @param stream     the stream
 * @param reportedAt when the node wrote it, epoch milliseconds
 * @param tasks      the node's tasks of the stream
 * @param metrics    the node's counters for the stream, or null
 * @param topology   for a bolt task, the id of the Storm topology it runs in, so that the nodes can tell
 *                   the reports of a killed or replaced topology, which nothing clears, from the current
 *                   one's; {@code null} for a Karaf node
 */
public record NodeReport(String node, String stream, long reportedAt, List<TaskStatus> tasks, StreamMetrics metrics,
        String topology) {

    /** Keeps an unmodifiable copy of the tasks. */
    public NodeReport {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The report of a Karaf node. */
    public NodeReport(String node, String stream, long reportedAt, List<TaskStatus> tasks, StreamMetrics metrics) {
        this(node, stream, reportedAt, tasks, metrics, null);
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The key of a node's report of a stream; stream names cannot contain {@code |}. */
    public static String key(String stream, String node) {
        return stream + "|" + node;
    }

    /** The prefix of every key of a stream's reports. */
    public static String keyPrefix(String stream) {
        return stream + "|";
    }

    /** The report as the status topic's value: JSON. */
    public byte[] encode() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A report read from the status topic. */
    public static NodeReport decode(byte[] value) {
        try {
            return JSON.readValue(value, NodeReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
