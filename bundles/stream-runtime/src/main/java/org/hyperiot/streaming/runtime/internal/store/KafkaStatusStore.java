package org.hyperiot.streaming.runtime.internal.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.kafka.support.CompactedTopicMap;
import org.hyperiot.streaming.kafka.support.InternalTopicCheck;
import org.hyperiot.streaming.kafka.support.TopicVerdict;

/**
 * The {@link StatusStore} of a cluster: a compacted, single-partition topic keyed by
 * {@code <stream>|<node>}, each value a {@link NodeReport} as JSON, so that the last report of each
 * node survives until the node clears it. This node creates the topic (through
 * {@link KafkaTopicAdmin}) if it is missing, and does not use an existing one that is not compacted
 * alone ({@link InternalTopicCheck}). Every node writes and reads partition 0 only, so a topic with
 * more partitions works; the others stay empty.
 */
public final class KafkaStatusStore implements StatusStore {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final CompactedTopicMap reports;

    /**
     * Starts reading the topic at once.
     *
     * @param replicationFactor the topic's replication factor if this node creates it; negative takes
     *                          the cluster's default
     */
    public KafkaStatusStore(KafkaConnector connector, KafkaTopicAdmin topicAdmin, String topic,
            short replicationFactor) {
        this.reports = new CompactedTopicMap(RuntimeTopics.status(topic), connector, topicAdmin, replicationFactor);
        reports.start((key, value) -> {
        });
    }

    @Override
    public void report(NodeReport report) {
        reports.putAsync(key(report.stream(), report.node()), encode(report));
    }

    @Override
    public void clear(String stream, String node) {
        reports.putAsync(key(stream, node), null);
    }

    @Override
    public List<NodeReport> reports(String stream, long since) {
        List<NodeReport> recent = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : reports.withPrefix(stream + "|").entrySet()) {
            NodeReport report = decode(entry.getValue());
            if (report.reportedAt() >= since) {
                recent.add(report);
            }
        }
        return recent;
    }

    @Override
    public TopicVerdict topicVerdict() {
        return reports.verdict();
    }

    @Override
    public void close() {
        reports.close();
    }

    /** Stream names cannot contain {@code |}, so one stream's prefix never matches another's keys. */
    private static String key(String stream, String node) {
        return stream + "|" + node;
    }

    private static byte[] encode(NodeReport report) {
        try {
            return JSON.writeValueAsBytes(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NodeReport decode(byte[] value) {
        try {
            return JSON.readValue(value, NodeReport.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
