package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskStage;
import org.hyperiot.streaming.engine.state.StateChange;

/**
 * The engine task of one partition (of a source topic, or of the stream's repartition topic), where it stands in that partition, and the state changes
 * it made since the last commit. Only the last change of each key is kept: the changelog is compacted
 * anyway, and a window updated by every record of a commit interval is then written once.
 */
final class PartitionTask implements AutoCloseable {

    final TopicPartition partition;
    /** The same partition as the engine names it, shared by every record read from it. */
    final SourcePartition source;
    /** The part of the stream's pipeline the task runs. */
    final TaskStage stage;
    private final Map<String, StateChange> pendingChanges = new LinkedHashMap<>();
    private StreamTask task;
    private PartitionOutput output;
    /** The offset of the next record to process: what a commit of this partition records. */
    private long nextOffset;
    /** The offset the last commit recorded (or where the task started): where a rewind resumes. */
    private long committedOffset;
    /** True when records were processed since the last commit. */
    private boolean advanced;
    /** The owner id its state changes carry, or null when they need none (exactly-once). */
    private List<Header> owner = List.of();

    PartitionTask(TopicPartition partition, long position, TaskStage stage) {
        this.partition = partition;
        this.stage = stage;
        this.source = new SourcePartition(partition.topic(), partition.partition());
        this.nextOffset = position;
        this.committedOffset = position;
    }

    void bind(StreamTask value, PartitionOutput taskOutput) {
        this.task = value;
        this.output = taskOutput;
    }

    PartitionOutput output() {
        return output;
    }

    StreamTask task() {
        return task;
    }

    /** Marks every state change this task writes from now on with {@code id} (see {@link ChangelogKeys}). */
    void owner(byte[] id) {
        owner = id == null ? List.of() : List.of(new RecordHeader(ChangelogKeys.OWNER_HEADER, id));
    }

    /** The headers of this task's changelog records. */
    List<Header> changelogHeaders() {
        return owner;
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
        committedOffset = nextOffset;
    }

    long committedOffset() {
        return committedOffset;
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
    }
}
