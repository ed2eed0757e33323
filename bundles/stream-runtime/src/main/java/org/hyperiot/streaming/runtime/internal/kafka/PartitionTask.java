package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.state.StateChange;

/**
 * The engine task of one source partition, with the state changes made since the last commit. Only
 * the last change of each key is kept: the changelog is compacted anyway, and a window updated by
 * every record of a commit interval is then written once.
 */
final class PartitionTask implements AutoCloseable {

    final TopicPartition partition;
    private final Map<String, StateChange> pendingChanges = new LinkedHashMap<>();
    private StreamTask task;

    PartitionTask(TopicPartition partition) {
        this.partition = partition;
    }

    void bind(StreamTask value) {
        this.task = value;
    }

    StreamTask task() {
        return task;
    }

    void changed(StateChange change) {
        pendingChanges.put(change.store() + "/" + change.key(), change);
    }

    /** The changes since the last call, oldest first. */
    Iterable<StateChange> drainChanges() {
        if (pendingChanges.isEmpty()) {
            return List.of();
        }
        List<StateChange> changes = new ArrayList<>(pendingChanges.values());
        pendingChanges.clear();
        return changes;
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
    }
}
