package org.hyperiot.streaming.runtime.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.Repartitioning;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.TaskStage;

/**
 * The partitions a stream reads, as found when it starts on a node: its source topics, and for a
 * stream that {@link Repartitioning repartitions} its repartition topic. The consumer group reads them
 * all; a partition of a source topic gets a task of the first stage, a repartition partition a task of
 * the windowing stage, whose state lives in the changelog partition of the same number.
 *
 * @param sourcePartitions     partitions of each source topic, in the definition's order
 * @param repartitionTopic     the repartition topic, or {@code null} when the stream needs none
 * @param repartitionPartitions partitions of the repartition topic; 0 without one
 */
public record StreamLayout(Map<String, Integer> sourcePartitions, String repartitionTopic, int repartitionPartitions) {

    /** Keeps its own copy of {@code sourcePartitions}, in the order given. */
    public StreamLayout {
        sourcePartitions = new LinkedHashMap<>(sourcePartitions);
    }

    /** The layout of a stream that reads its source topics only. */
    public static StreamLayout direct(Map<String, Integer> sourcePartitions) {
        return new StreamLayout(sourcePartitions, null, 0);
    }

    /** The layout of {@code definition} with the source topics found, and its repartition topic's width if it has one. */
    public static StreamLayout of(StreamDefinition definition, Map<String, Integer> sourcePartitions,
            int repartitionPartitions) {
        return Repartitioning.required(definition)
                ? new StreamLayout(sourcePartitions, StreamResources.repartitionTopic(definition.name()), repartitionPartitions)
                : direct(sourcePartitions);
    }

    /** True when the stream has a repartition topic. */
    public boolean repartitions() {
        return repartitionTopic != null;
    }

    /** The stage of the task that reads {@code partition}. */
    public TaskStage stageOf(TopicPartition partition) {
        if (!repartitions()) {
            return TaskStage.COMPLETE;
        }
        return partition.topic().equals(repartitionTopic) ? TaskStage.WINDOWING : TaskStage.ROUTING;
    }

    /** True for a partition whose task keeps window state (and so has a changelog partition). */
    public boolean keepsState(TopicPartition partition, boolean windowed) {
        return windowed && stageOf(partition) != TaskStage.ROUTING;
    }

    /** Every topic the consumer group reads. */
    public List<String> subscribedTopics() {
        List<String> topics = new ArrayList<>(sourcePartitions.keySet());
        if (repartitions()) {
            topics.add(repartitionTopic);
        }
        return topics;
    }

    /** Every partition the group shares out: what bounds the number of useful workers. */
    public int totalPartitions() {
        return sourcePartitions.values().stream().mapToInt(Integer::intValue).sum() + repartitionPartitions;
    }

    /** Every source partition, as the engine names them: the origins a windowing task waits for. */
    public List<SourcePartition> origins() {
        List<SourcePartition> origins = new ArrayList<>();
        sourcePartitions.forEach((topic, count) -> {
            for (int p = 0; p < count; p++) {
                origins.add(new SourcePartition(topic, p));
            }
        });
        return origins;
    }

    /** The position of a source topic in the definition, which routed records carry instead of its name. */
    int topicIndex(String topic) {
        int index = 0;
        for (String source : sourcePartitions.keySet()) {
            if (source.equals(topic)) {
                return index;
            }
            index++;
        }
        throw new IllegalArgumentException(topic + " is not a source topic");
    }

    /** The source topic at a position, or {@code null} if there is none. */
    String topicAt(int index) {
        int i = 0;
        for (String source : sourcePartitions.keySet()) {
            if (i++ == index) {
                return source;
            }
        }
        return null;
    }
}
