package org.hyperiot.streaming.kafka.internal;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.kafka.ClusterMessaging.ClusterNode;

/**
 * The nodes of a layer by their last heartbeat; a node is live while its heartbeat is recent.
 *
 * <p>Heartbeats come from a topic any client of the cluster can write to, so their timestamps are
 * not trusted: one stamped further in the future than the allowed clock skew is refused (kept, it
 * would list a node for as long as its stamp lies ahead, however dead the node), one already older
 * than the node timeout is refused too, and every listing prunes what has expired.
 */
final class LiveNodes {

    /** Why a heartbeat was not recorded; {@code ACCEPTED} when it was. */
    enum Verdict { ACCEPTED, FROM_THE_FUTURE, STALE }

    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();
    private final long timeoutMs;
    private final long maxClockSkewMs;

    /**
     * @param timeoutMs      a node whose last heartbeat is older than this is no longer live
     * @param maxClockSkewMs how far ahead of this node's clock a heartbeat may be stamped
     */
    LiveNodes(long timeoutMs, long maxClockSkewMs) {
        if (timeoutMs <= 0 || maxClockSkewMs < 0) {
            throw new IllegalArgumentException("the node timeout must be positive and the clock skew not negative");
        }
        this.timeoutMs = timeoutMs;
        this.maxClockSkewMs = maxClockSkewMs;
    }

    /**
     * Records a heartbeat stamped {@code epochMs}, received at {@code nowEpochMs}; an older heartbeat
     * arriving late never moves a node's time back.
     */
    Verdict heartbeat(String nodeId, long epochMs, long nowEpochMs) {
        if (epochMs > nowEpochMs + maxClockSkewMs) {
            return Verdict.FROM_THE_FUTURE;
        }
        if (nowEpochMs - epochMs > timeoutMs) {
            return Verdict.STALE;
        }
        lastSeen.merge(nodeId, epochMs, Math::max);
        return Verdict.ACCEPTED;
    }

    /** The live nodes at {@code nowEpochMs}; nodes no longer live are forgotten. */
    Set<ClusterNode> live(long nowEpochMs) {
        // A stamp accepted within the skew stays ahead of the clock for a moment; anything further
        // ahead got in while this node's clock was behind (or was changed) and is dropped like a stale one.
        lastSeen.entrySet().removeIf(node -> !isLive(node.getValue(), nowEpochMs));
        return lastSeen.entrySet().stream()
                .map(node -> new ClusterNode(node.getKey(), node.getValue()))
                .collect(Collectors.toUnmodifiableSet());
    }

    private boolean isLive(long lastSeenMs, long nowEpochMs) {
        return nowEpochMs - lastSeenMs <= timeoutMs && lastSeenMs <= nowEpochMs + maxClockSkewMs;
    }
}
