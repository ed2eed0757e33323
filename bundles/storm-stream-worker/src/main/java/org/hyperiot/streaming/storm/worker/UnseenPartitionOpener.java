package org.hyperiot.streaming.storm.worker;

import java.time.Clock;
import java.util.Map;
import java.util.function.IntFunction;

import org.hyperiot.streaming.runtime.kafka.StreamLayout;

/**
 * Opens, in a routing bolt task (over the source partitions of a stream that repartitions), the source
 * partitions the grouping would send it and no tuple opened yet, so that their tasks report them to the
 * windowing stage (idle, after {@code idleTimeout}): the windowing stage's watermark waits for every
 * source partition, one without records included. One the spout has not started yet (no committed
 * offset) waits for the next look.
 *
 * <p>Not thread-safe: a bolt's methods all run on its executor's thread.
 *
 * @param <T> the bolt's tuples
 */
final class UnseenPartitionOpener<T> {

    /** How often a routing bolt looks for source partitions of its own that no tuple opened yet. */
    static final long IDLE_OPEN_INTERVAL_MS = 5_000;

    private final String stream;
    private final String taskName;
    private final int topicCount;
    private final int taskIndex;
    private final int taskCount;
    private final StreamKafkaMetadata metadata;
    private final CommitGroups<T> groups;
    private final IntFunction<SourcePartitionState<T>> partitions;
    private final ThrottledLog problems;
    private final Clock clock;
    private long nextIdleOpen;

    /**
     * @param topicCount how many source topics the stream reads
     * @param taskIndex  this bolt task's index among the bolt's tasks
     * @param taskCount  how many tasks the bolt has: the grouping sends partition {@code g} to task {@code g mod taskCount}
     * @param partitions the state of the source partition of a global index ({@link SourcePartitions}), added
     *                   to the bolt task's when new
     * @param problems   the bolt task's warnings, throttled per kind across all of its parts
     */
    UnseenPartitionOpener(String stream, String taskName, int topicCount, int taskIndex, int taskCount,
            StreamKafkaMetadata metadata, CommitGroups<T> groups, IntFunction<SourcePartitionState<T>> partitions,
            ThrottledLog problems, Clock clock) {
        this.stream = stream;
        this.taskName = taskName;
        this.topicCount = topicCount;
        this.taskIndex = taskIndex;
        this.taskCount = taskCount;
        this.metadata = metadata;
        this.groups = groups;
        this.partitions = partitions;
        this.problems = problems;
        this.clock = clock;
    }

    /** Looks for unseen partitions when {@link #IDLE_OPEN_INTERVAL_MS} passed since the last look; on Storm's ticks. */
    void tick(long now) {
        if (now >= nextIdleOpen) {
            nextIdleOpen = now + IDLE_OPEN_INTERVAL_MS;
            openUnseen();
        }
    }

    private void openUnseen() {
        StreamLayout known;
        try {
            known = metadata.layout();
        } catch (RuntimeException e) {
            problems.warn("layout", "Stream '" + stream + "': bolt task " + taskName
                    + " cannot tell its source partitions yet: " + e.getMessage(), null);
            return;
        }
        int position = 0;
        for (Map.Entry<String, Integer> topic : known.sourcePartitions().entrySet()) {
            for (int p = 0; p < topic.getValue(); p++) {
                int index = SourcePartitions.index(position, p, topicCount);
                if (index % taskCount != taskIndex) {
                    continue;
                }
                SourcePartitionState<T> state = partitions.apply(index);
                if (state.group != null || clock.millis() < state.stoppedUntil) {
                    continue;
                }
                try {
                    if (metadata.committed(state.partition) != null) {
                        groups.open(state);
                    }
                } catch (RuntimeException e) {
                    problems.warn("kafka", "Stream '" + stream + "': " + state.partition
                            + " could not open before its first tuple: " + e, e);
                    groups.abort(state.group);
                }
            }
            position++;
        }
    }
}
