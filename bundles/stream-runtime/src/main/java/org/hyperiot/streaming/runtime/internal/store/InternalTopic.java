package org.hyperiot.streaming.runtime.internal.store;

/**
 * A topic the runtime keeps one of its cluster-wide maps in, and what the map needs of it.
 *
 * @param name            the topic
 * @param contents        what it holds, as messages name it: {@code the stream definitions}
 * @param setting         the key of PID {@code org.hyperiot.streaming.runtime} that names the topic
 * @param singlePartition whether the topic must have exactly one partition. Every node writes to and
 *                        reads partition 0 only, so more partitions are never used; exactly one is
 *                        required where the order of writes matters to every reader
 */
record InternalTopic(String name, String contents, String setting, boolean singlePartition) {

    /** The topic of the stream definitions: every node must apply the writes in the same order. */
    static InternalTopic definitions(String name) {
        return new InternalTopic(name, "the stream definitions", "definitions.topic", true);
    }

    /**
     * The topic of the nodes' status reports: each key is written by one node only, and a report
     * replaces that node's previous one, so partitions beyond the first would merely stay empty.
     */
    static InternalTopic status(String name) {
        return new InternalTopic(name, "the nodes' status reports", "status.topic", false);
    }
}
