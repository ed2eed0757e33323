package org.hyperiot.streaming.engine;

/**
 * Which part of a stream's pipeline a {@link StreamTask} runs. A stream whose {@code keyBy} must
 * {@link Repartitioning repartition} runs in two stages, as Kafka Streams splits a topology into
 * sub-topologies at a repartition topic: one routing task per source partition, and one windowing
 * task per partition of the repartition, so that every record of a key meets in one task.
 */
public enum TaskStage {

    /** The whole pipeline, from source records to results: a stream that needs no repartition. */
    COMPLETE,

    /**
     * Every operator before the window, over source records; each record that comes through goes to
     * {@link TaskOutput#repartition}, and the task reports its partitions' progress with
     * {@link TaskOutput#progress} so that the windowing stage can compute the watermark.
     */
    ROUTING,

    /**
     * The window alone, over {@link SourceRecord#routed routed records} and
     * {@link SourceRecord#progress progress markers}; its watermark is the minimum over every source
     * partition (the origins given to the task's builder and any seen since), leaving out those idle
     * for {@code idleTimeout}.
     */
    WINDOWING
}
