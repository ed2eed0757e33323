package org.hyperiot.streaming.runtime.internal.kafka;

/**
 * The Kafka names a stream owns (SPEC §4): its consumer group, and the transactional ids and
 * internal topics under its prefix. Deleting a stream with {@code purgeState} removes exactly these.
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
     * The transactional id of one worker thread. Stable across restarts of the node, so that a new
     * producer with it fences a zombie of the previous run and aborts its open transaction.
     */
    public static String transactionalId(String stream, String nodeId, int worker) {
        return prefix(stream) + nodeId + "-" + worker;
    }
}
