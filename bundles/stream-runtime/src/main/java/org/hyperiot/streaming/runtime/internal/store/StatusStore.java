package org.hyperiot.streaming.runtime.internal.store;

import java.util.List;

import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.runtime.kafka.NodeReport;

/**
 * What every node reports about the streams it runs, as Kafka Connect's status backing store keeps
 * task states: each node writes its own reports, and any node reads everybody's to answer for the
 * whole cluster. Reports are best effort: a lost one is replaced by the next.
 */
public interface StatusStore extends AutoCloseable {

    /** Replaces what {@code report}'s node said before about {@code report}'s stream; does not wait. */
    void report(NodeReport report);

    /** Removes what {@code node} said about {@code stream}: the node no longer runs it. Does not wait. */
    void clear(String stream, String node);

    /** The reports of every node about {@code stream} written at or after {@code since} (epoch ms). */
    List<NodeReport> reports(String stream, long since);

    /**
     * What the last check of the store's topic found; answers from memory. While the topic is not
     * usable, reports are dropped. A store without a topic is always {@link TopicVerdict.Outcome#FIT}.
     */
    TopicVerdict topicVerdict();

    @Override
    void close();
}
