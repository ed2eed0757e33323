package org.hyperiot.streaming.runtime.internal.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.kafka.support.CompactedTopicMap;
import org.hyperiot.streaming.kafka.support.InternalTopicCheck;
import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.runtime.kafka.NodeReport;

/**
 * The {@link StatusStore} of a cluster: a compacted, single-partition topic keyed by
 * {@code <stream>|<node>}, each value a {@link NodeReport} as JSON, so that the last report of each
 * node survives until the node clears it. This node creates the topic (through
 * {@link KafkaTopicAdmin}) if it is missing, and does not use an existing one that is not compacted
 * alone ({@link InternalTopicCheck}). Every node writes and reads partition 0 only, so a topic with
 * more partitions works; the others stay empty.
 */
public final class KafkaStatusStore implements StatusStore {

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
        reports.putAsync(NodeReport.key(report.stream(), report.node()), report.encode());
    }

    @Override
    public void clear(String stream, String node) {
        reports.putAsync(NodeReport.key(stream, node), null);
    }

    @Override
    public List<NodeReport> reports(String stream, long since) {
        List<NodeReport> recent = new ArrayList<>();
        for (Map.Entry<String, byte[]> entry : reports.withPrefix(NodeReport.keyPrefix(stream)).entrySet()) {
            NodeReport report = NodeReport.decode(entry.getValue());
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
}
