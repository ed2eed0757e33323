package org.hyperiot.streaming.runtime.kafka;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.Repartitioning;

/**
 * What an engine asks Kafka before it runs a stream: how many partitions the
 * source topics have, and a changelog wide enough for them. A failure comes out as a runtime
 * exception whose message says what is wrong, for the stream's status.
 */
public interface StreamTopics {

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

    /**
     * Makes sure the stream's internal topics exist before it runs, and returns its layout: the
     * partitions of its source topics, the repartition topic of a stream whose {@code keyBy}
     * repartitions (as wide as the {@code keyBy} asks, else as its widest source topic), and the changelog
     * of a stream with windows, as wide as the partitions whose tasks keep window state.
     *
     * @throws IllegalStateException naming the source topics that do not exist, or saying why a topic is unfit
     *                               or Kafka did not answer
     */
    default StreamLayout prepare(StreamDefinition definition) {
        Map<String, Integer> partitions = partitionCounts(definition.source().topics());
        int widest = partitions.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        StreamLayout layout = StreamLayout.direct(partitions);
        if (Repartitioning.required(definition)) {
            boolean asked = Repartitioning.keyBy(definition).orElseThrow().partitions() != null;
            int width = ensureRepartition(StreamResources.repartitionTopic(definition.name()),
                    Repartitioning.partitions(definition, widest), asked);
            layout = StreamLayout.of(definition, partitions, width);
        }
        if (definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance)) {
            ensureChangelog(StreamResources.changelogTopic(definition.name()),
                    layout.repartitions() ? layout.repartitionPartitions() : widest);
        }
        return layout;
    }
}
