package org.hyperiot.streaming.storm.worker;

import java.util.List;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.runtime.kafka.StreamResources;

/**
 * Which partitions of a stream an engine bolt and its spout take. A stream that needs no repartition
 * has one pair, over its source topics. A stream whose {@code keyBy} repartitions runs in two stages,
 * as the {@code kafka} engine does: the pair over the source topics routes each record to the stream's
 * repartition topic, and a second pair over that topic runs the window, so that each stage keeps its
 * own per-partition spout positions, transactions and watermarks.
 */
public enum BoltInput {

    /** The source topics: the whole pipeline, or the routing stage of a stream that repartitions. */
    SOURCE("storm-"),

    /** The repartition topic: the windowing stage of a stream that repartitions. */
    REPARTITION("storm-window-");

    private final String taskPrefix;

    BoltInput(String taskPrefix) {
        this.taskPrefix = taskPrefix;
    }

    /** The topics whose partitions the spout reads, in the order that gives their global index ({@link SourcePartitions}). */
    public List<String> topics(StreamDefinition definition) {
        return this == SOURCE ? List.copyOf(definition.source().topics())
                : List.of(StreamResources.repartitionTopic(definition.name()));
    }

    /**
     * The name of bolt task {@code taskIndex}: the node it reports its status under, and part of its
     * Kafka client ids. The two stages' tasks have different names.
     */
    public String taskName(int taskIndex) {
        return taskPrefix + taskIndex;
    }
}
