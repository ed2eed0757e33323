package org.hyperiot.streaming.runtime.internal.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.runtime.kafka.NodeReport;

/**
 * A {@link StatusStore} in this JVM's memory, for tests and single-node experiments: reports are
 * visible as soon as they are written.
 */
public final class InMemoryStatusStore implements StatusStore {

    private final Map<String, Map<String, NodeReport>> byStream = new ConcurrentHashMap<>();
    private volatile TopicVerdict verdict = TopicVerdict.fit("in-memory", Instant.EPOCH);

    @Override
    public void report(NodeReport report) {
        byStream.computeIfAbsent(report.stream(), stream -> new ConcurrentHashMap<>()).put(report.node(), report);
    }

    @Override
    public void clear(String stream, String node) {
        Map<String, NodeReport> nodes = byStream.get(stream);
        if (nodes != null) {
            nodes.remove(node);
        }
    }

    @Override
    public List<NodeReport> reports(String stream, long since) {
        return byStream.getOrDefault(stream, Map.of()).values().stream()
                .filter(report -> report.reportedAt() >= since).toList();
    }

    @Override
    public TopicVerdict topicVerdict() {
        return verdict;
    }

    /** Makes the store answer as if a check of its topic had found {@code found}; for tests. */
    public void topicVerdict(TopicVerdict found) {
        this.verdict = found;
    }

    @Override
    public void close() {
        // Nothing to release.
    }
}
