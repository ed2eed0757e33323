package org.hyperiot.streaming.kafka.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.kafka.ClusterMessaging.ClusterNode;

/** The nodes of a layer by their last heartbeat; a node is live while its heartbeat is recent. */
final class LiveNodes {

    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final long timeoutMs;

    LiveNodes(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** Records a heartbeat; an older heartbeat arriving late never moves a node's time back. */
    void heartbeat(String nodeId, long epochMs) {
        lastSeen.merge(nodeId, epochMs, Math::max);
    }

    Set<ClusterNode> live(long nowEpochMs) {
        return lastSeen.entrySet().stream()
                .filter(node -> nowEpochMs - node.getValue() <= timeoutMs)
                .map(node -> new ClusterNode(node.getKey(), node.getValue()))
                .collect(Collectors.toUnmodifiableSet());
    }
}
