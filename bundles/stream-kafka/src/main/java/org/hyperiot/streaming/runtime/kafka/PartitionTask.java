package org.hyperiot.streaming.runtime.kafka;

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
public final class PartitionTask implements AutoCloseable {

    /** The partition the task reads. */
    public final TopicPartition partition;
    /** The same partition as the engine names it, shared by every record read from it. */
    public final SourcePartition source;
    /** The part of the stream's pipeline the task runs. */
    public final TaskStage stage;
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

    /** The task of {@code partition}, running {@code stage}, whose next record is at offset {@code position}. */
    public PartitionTask(TopicPartition partition, long position, TaskStage stage) {
        this.partition = partition;
        this.stage = stage;
        this.source = new SourcePartition(partition.topic(), partition.partition());
        this.nextOffset = position;
        this.committedOffset = position;
    }

    /** Gives the task its engine task and the output that engine task writes to. */
    public void bind(StreamTask value, PartitionOutput taskOutput) {
        this.task = value;
        this.output = taskOutput;
    }

    /** The output the engine task writes to, once bound. */
    public PartitionOutput output() {
        return output;
    }

    /** The engine task, once bound. */
    public StreamTask task() {
        return task;
    }

    /** Marks every state change this task writes from now on with {@code id} (see {@link ChangelogKeys}). */
    public void owner(byte[] id) {
        owner = id == null ? List.of() : List.of(new RecordHeader(ChangelogKeys.OWNER_HEADER, id));
    }

    /** The headers of this task's changelog records. */
    public List<Header> changelogHeaders() {
        return owner;
    }

    /** Keeps {@code change} for the next commit, replacing an earlier change of the same key. */
    public void changed(StateChange change) {
        pendingChanges.put(change.store() + "/" + change.key(), change);
    }

    /** The changes since the last call, oldest first. */
    public List<StateChange> drainChanges() {
        if (pendingChanges.isEmpty()) {
            return List.of();
        }
        List<StateChange> changes = new ArrayList<>(pendingChanges.values());
        pendingChanges.clear();
        return changes;
    }

    /** Notes that every record before {@code offset} is processed. */
    public void processedUpTo(long offset) {
        nextOffset = offset;
        advanced = true;
    }

    /** The offset of the next record to process: what a commit of this partition records. */
    public long nextOffset() {
        return nextOffset;
    }

    /** True when records were processed since the last commit. */
    public boolean advanced() {
        return advanced;
    }

    /** Notes that the last commit covered everything processed: a rewind now resumes from here. */
    public void committed() {
        advanced = false;
        committedOffset = nextOffset;
    }

    /** The offset the last commit recorded (or where the task started): where a rewind resumes. */
    public long committedOffset() {
        return committedOffset;
    }

    @Override
    public void close() {
        if (task != null) {
            task.close();
        }
    }
}
