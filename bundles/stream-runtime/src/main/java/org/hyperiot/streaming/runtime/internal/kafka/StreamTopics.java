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

    /**
     * Makes sure the repartition topic exists and returns its partition count. A new one gets
     * {@code partitions}, {@code cleanup.policy=delete} and no retention limit (the stream deletes what
     * its windowing stage has committed). An existing one keeps its count, since a key's window state
     * lives in the partition the key hashes to; only when the definition asks for a count explicitly
     * ({@code required}) must it match.
     *
     * @throws IllegalStateException if it is compacted, has another count than required, or Kafka did not answer
     */
    int ensureRepartition(String topic, int partitions, boolean required);
}
