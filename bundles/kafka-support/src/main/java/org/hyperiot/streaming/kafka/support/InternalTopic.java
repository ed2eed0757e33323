package org.hyperiot.streaming.kafka.support;

import java.util.Objects;

/**
 * A topic a component keeps one of its cluster-wide maps in, what the map needs of it, and what an
 * operator is told about it when it is unfit.
 *
 * @param name            the topic
 * @param contents        what it holds, as messages name it: {@code the stream definitions}
 * @param pid             the configuration PID whose {@code setting} names the topic:
 *                        {@code org.hyperiot.streaming.runtime}
 * @param setting         the key of {@code pid} that names the topic: {@code definitions.topic}
 * @param singlePartition whether the topic must have exactly one partition. Every node writes to and
 *                        reads partition 0 only, so more partitions are never used; exactly one is
 *                        required where the order of writes matters to every reader
 * @param whileUnfit      what the node does without the topic, as the end of the sentence
 *                        {@code Until then ...}: {@code this node runs no streams and refuses stream requests}
 */
public record InternalTopic(String name, String contents, String pid, String setting, boolean singlePartition,
        String whileUnfit) {

    /** @throws NullPointerException if any text is missing: every one of them ends up in a message */
    public InternalTopic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contents, "contents");
        Objects.requireNonNull(pid, "pid");
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(whileUnfit, "whileUnfit");
    }
}
