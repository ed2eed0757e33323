package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.List;
import java.util.Map;

/**
 * What a {@link StreamRunner} asks Kafka before it starts any worker: how many partitions the
 * source topics have, and a changelog wide enough for them. A failure comes out as a runtime
 * exception whose message says what is wrong, for the stream's status.
 */
interface StreamTopics {

    /**
     * The number of partitions of each topic, in the order given.
     *
     * @throws IllegalStateException naming the topics that do not exist, or saying why Kafka did not answer
     */
    Map<String, Integer> partitionCounts(List<String> topics);

    /**
     * Makes sure {@code changelog} exists, compacted alone, with at least {@code partitions} partitions.
     *
     * @throws IllegalStateException if it has another cleanup policy, or Kafka did not answer
     */
    void ensureChangelog(String changelog, int partitions);
}
