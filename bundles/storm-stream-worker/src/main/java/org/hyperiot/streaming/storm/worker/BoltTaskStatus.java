package org.hyperiot.streaming.storm.worker;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.runtime.kafka.LatencyHistogram;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamMetricsTally;
import org.hyperiot.streaming.runtime.kafka.TaskReport;

/**
 * What an engine bolt task reports of itself, through its {@link BoltStatusReporter}: a task per source
 * partition taken (running, with its lag, or stopped by a record it could not take) and the counters of
 * its commit groups.
 *
 * <p>Not thread-safe: a bolt's methods all run on its executor's thread.
 *
 * @param <T> the bolt's tuples
 */
final class BoltTaskStatus<T> implements AutoCloseable {

    private final String stream;
    private final BoltStatusReporter status;
    private final StreamKafkaMetadata metadata;
    private final CommitGroups<T> groups;
    private final Collection<SourcePartitionState<T>> partitions;
    private final StreamMetricsTally tally = new StreamMetricsTally();

    /** @param partitions the bolt task's source partitions, a live view */
    BoltTaskStatus(String stream, BoltStatusReporter status, StreamKafkaMetadata metadata, CommitGroups<T> groups,
            Collection<SourcePartitionState<T>> partitions) {
        this.stream = stream;
        this.status = status;
        this.metadata = metadata;
        this.groups = groups;
        this.partitions = partitions;
    }

    /** Whether a report is due at {@code now}. */
    boolean due(long now) {
        return status.due(now);
    }

    /** Reports a task per source partition taken (running, or stopped by a record it could not take) and the counters. */
    void report(long now) {
        List<TaskStatus> tasks = new ArrayList<>();
        List<StreamMetricsTally.Reported> reported = new ArrayList<>();
        LatencyHistogram latency = new LatencyHistogram();
        long commits = 0;
        Map<TopicPartition, Long> lag = metadata.lag(nextOffsets());
        for (CommitGroup<T> group : groups.list()) {
            commits += group.commits();
            latency.merge(group.latency());
            for (TaskReport report : group.reports(partition -> lag.containsKey(partition)
                    ? OptionalLong.of(lag.get(partition)) : OptionalLong.empty())) {
                tasks.add(report.status(status.node()));
                reported.add(new StreamMetricsTally.Reported(report, group.commits()));
            }
        }
        for (SourcePartitionState<T> state : partitions) {
            if (state.group == null && now < state.stoppedUntil) {
                String id = state.partition.topic() + "-" + state.partition.partition();
                tasks.add(new TaskStatus(status.node(), id, List.of(id), StreamState.FAILED, state.stoppedBy));
            }
        }
        // Routed records were counted as input when the routing stage read them from the source.
        StreamLayout layout = metadata.foundLayout();
        String repartitionTopic = layout == null ? null : layout.repartitionTopic();
        status.report(tasks, tally.tally(stream, status.node(), reported,
                partition -> !partition.topic().equals(repartitionTopic), commits, latency, now), now);
    }

    /** The next offset to process of each open partition. */
    private Map<TopicPartition, Long> nextOffsets() {
        Map<TopicPartition, Long> next = new HashMap<>();
        partitions.stream().filter(state -> state.group != null).forEach(state -> next.put(state.partition, state.next));
        return next;
    }

    /** Clears the task's report and closes the reporter's producer. */
    @Override
    public void close() {
        status.close();
    }
}
