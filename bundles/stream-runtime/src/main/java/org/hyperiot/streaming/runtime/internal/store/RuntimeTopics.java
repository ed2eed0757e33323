package org.hyperiot.streaming.runtime.internal.store;

import org.hyperiot.streaming.kafka.support.InternalTopic;

/**
 * The runtime's two internal topics as {@link InternalTopic}s: each named by a key of the runtime's
 * PID, and while either is unfit the node runs no streams.
 */
final class RuntimeTopics {

    /** RuntimeConfiguration.PID, which this package does not depend on. */
    private static final String PID = "org.hyperiot.streaming.runtime";
    private static final String WHILE_UNFIT = "this node runs no streams and refuses stream requests";

    private RuntimeTopics() {
    }

    /** The topic of the stream definitions: every node must apply the writes in the same order. */
    static InternalTopic definitions(String name) {
        return new InternalTopic(name, "the stream definitions", PID, "definitions.topic", true, WHILE_UNFIT);
    }

    /**
     * The topic of the nodes' status reports: each key is written by one node only, and a report
     * replaces that node's previous one, so partitions beyond the first would merely stay empty.
     */
    static InternalTopic status(String name) {
        return new InternalTopic(name, "the nodes' status reports", PID, "status.topic", false, WHILE_UNFIT);
    }
}
