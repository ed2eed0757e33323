package org.hyperiot.streaming.runtime.kafka;

import java.util.List;

/**
 * The Kafka names a stream owns (SPEC §4): its consumer group, and the transactional ids and
 * internal topics under its prefix. Deleting a stream with {@code purgeState} removes exactly these.
 *
 * <p>Stream names may contain {@code -}, so the prefix of stream {@code pa} is also a prefix of
 * every name of stream {@code pa-b}: nothing may be found by prefix. Topics are therefore listed by
 * their full names, and transactional ids separate their parts with {@code /}, which neither a
 * stream name nor a node id may contain, so that no two (stream, node, worker) share one.
 */
public final class StreamResources {

    private StreamResources() {
    }

    /** The consumer group of the stream's tasks on every node. */
    public static String groupId(String stream) {
        return "hyperiot-stream-" + stream;
    }

    /** The prefix of every internal topic and transactional id of the stream. */
    public static String prefix(String stream) {
        return "hyperiot-stream-" + stream + "-";
    }

    /** The compacted topic backing the stream's window state. */
    public static String changelogTopic(String stream) {
        return prefix(stream) + "changelog";
    }

    /**
     * The topic through which a stream whose {@code keyBy} repartitions sends its records from the
     * first stage to the windowing stage, partitioned by the new key.
     */
    public static String repartitionTopic(String stream) {
        return prefix(stream) + "repartition";
    }

    /** Every internal topic the stream may have created: what a purge deletes. */
    public static List<String> internalTopics(String stream) {
        return List.of(changelogTopic(stream), repartitionTopic(stream));
    }

    /**
     * The transactional id of one worker thread. Stable across restarts of the node, so that a new
     * producer with it fences a zombie of the previous run and aborts its open transaction.
     */
    public static String transactionalId(String stream, String nodeId, int worker) {
        return prefix(stream) + "tx/" + nodeId + "/" + worker;
    }
}
