package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.state.StateChange;

/**
 * The engine task of one source partition, where it stands in that partition, and the state changes
 * it made since the last commit. Only the last change of each key is kept: the changelog is compacted
 * anyway, and a window updated by every record of a commit interval is then written once.
 */
final class PartitionTask implements AutoCloseable {

    final TopicPartition partition;
    private final Map<String, StateChange> pendingChanges = new LinkedHashMap<>();
    private StreamTask task;
    /** The offset of the next record to process: what a commit of this partition records. */
    private long nextOffset;
    /** True when records were processed since the last commit. */
    private boolean advanced;

    PartitionTask(TopicPartition partition, long position) {
        this.partition = partition;
        this.nextOffset = position;
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
    List<StateChange> drainChanges() {
        if (pendingChanges.isEmpty()) {
            return List.of();
        }
        List<StateChange> changes = new ArrayList<>(pendingChanges.values());
        pendingChanges.clear();
        return changes;
    }

    /** Notes that every record before {@code offset} is processed. */
    void processedUpTo(long offset) {
        nextOffset = offset;
        advanced = true;
    }

    long nextOffset() {
        return nextOffset;
    }

    boolean advanced() {
        return advanced;
    }

    void committed() {
        advanced = false;
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
    }
}
