package org.hyperiot.streaming.storm.worker;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apache.storm.generated.GlobalStreamId;
import org.apache.storm.grouping.CustomStreamGrouping;
import org.apache.storm.task.WorkerTopologyContext;

/**
 * Sends every tuple of source partition p to the same task of the engine bolt, task {@code p mod n}
 * of its n tasks (in task id order), so that a partition's state and watermark live in one task, as a
 * partition lives in one task of the {@code kafka} engine. The partition is the tuple's first value, its
 * global index ({@link SourcePartitions}), as {@link PartitionTuple} has it.
 */
public final class SourcePartitionGrouping implements CustomStreamGrouping {

    private static final long serialVersionUID = 1L;

    private List<Integer> tasks = List.of();

    @Override
    public void prepare(WorkerTopologyContext context, GlobalStreamId stream, List<Integer> targetTasks) {
        List<Integer> sorted = new ArrayList<>(targetTasks);
        Collections.sort(sorted);
        this.tasks = List.copyOf(sorted);
    }

    @Override
    public List<Integer> chooseTasks(int taskId, List<Object> values) {
        if (tasks.isEmpty()) {
            throw new IllegalStateException("the grouping was not prepared");
        }
        if (values.isEmpty() || !(values.get(0) instanceof Integer partition) || partition < 0) {
            throw new IllegalArgumentException("a tuple of the partition spout starts with its source partition, not "
                    + (values.isEmpty() ? "nothing" : values.get(0)));
        }
        return List.of(tasks.get(partition % tasks.size()));
    }

    /** The task a partition goes to among {@code taskCount} tasks, by position in task id order. */
    public static int taskIndex(int partition, int taskCount) {
        return partition % taskCount;
    }
}
