package org.hyperiot.streaming.runtime.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskStage;
import org.hyperiot.streaming.engine.state.StateChange;

/**
 * The engine tasks of the partitions a worker owns: opened (state restored) when the group assigns a
 * partition, driven with the records polled from it, closed when it goes. Knows where each task
 * stands, so that a commit records exactly what was processed. In a stream that repartitions, a
 * source partition gets a routing task and a repartition partition a windowing task (see
 * {@link StreamLayout}); only windowing tasks keep state.
 */
public final class AssignedTasks {

    private final StreamDefinition definition;
    private final ProcessorRegistry processors;
    private final DeliveryProtocol protocol;
    private final ChangelogRestorer restorer;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final String changelogTopic;
    private final StreamLayout layout;
    private final RepartitionRecords repartition;
    private final Map<TopicPartition, PartitionTask> tasks = new LinkedHashMap<>();

    /** @param restorer the changelog restorer of a stream with state, or null for a stateless one */
    public AssignedTasks(StreamDefinition definition, StreamLayout layout, ProcessorRegistry processors, DeliveryProtocol protocol,
            ChangelogRestorer restorer, WorkerMetrics metrics, Clock clock) {
        this.definition = definition;
        this.layout = layout;
        this.repartition = layout.repartitions() ? new RepartitionRecords(layout) : null;
        this.processors = processors;
        this.protocol = protocol;
        this.restorer = restorer;
        this.metrics = metrics;
        this.clock = clock;
        this.changelogTopic = StreamResources.changelogTopic(definition.name());
    }

    /** True when the worker owns no partition. */
    public boolean isEmpty() {
        return tasks.isEmpty();
    }

    /** True for a stream whose tasks keep state in the changelog. */
    public boolean stateful() {
        return restorer != null;
    }

    /**
     * Opens a task for each partition, restoring its state first.
     *
     * @param positions where the worker's consumer will read each partition next
     * @param outputs   output partitions to clear of hanging transactions before writing to them
     */
    public void open(Collection<TopicPartition> partitions, ToLongFunction<TopicPartition> positions,
            Collection<TopicPartition> outputs) {
        if (partitions.isEmpty()) {
            return;
        }
        if (restorer != null) {
            restorer.awaitNoOpenTransactions(partitions.stream().filter(this::keepsState).toList(), outputs);
        }
        for (TopicPartition partition : partitions) {
            tasks.put(partition, openTask(partition, positions.applyAsLong(partition)));
        }
    }

    private boolean keepsState(TopicPartition partition) {
        return layout.keepsState(partition, restorer != null);
    }

    private PartitionTask openTask(TopicPartition partition, long position) {
        TaskStage stage = layout.stageOf(partition);
        PartitionTask task = new PartitionTask(partition, position, stage);
        PartitionOutput output = new PartitionOutput(partition, definition, protocol, repartition);
        boolean stateful = keepsState(partition);
        StreamTask.Builder builder = StreamTask.builder(definition)
                .stage(stage)
                .processors(processors)
                .output(output)
                // A windowing task waits for every source partition; the others for their own.
                .partitions(stage == TaskStage.WINDOWING ? layout.origins() : List.of(task.source))
                .processingTime(clock.millis());
        if (stateful) {
            builder.stateListener(task::changed);
        }
        StreamTask streamTask = builder.build();
        task.bind(streamTask, output);
        if (stateful) {
            ChangelogRestorer.Restored restored = restorer.read(partition);
            streamTask.restore(restored.changes());
            // Restoring replays the changes through the listener; they are in the changelog already.
            task.drainChanges();
            task.owner(restored.owner());
        }
        try {
            streamTask.open();
        } catch (RuntimeException e) {
            streamTask.close();
            throw e;
        }
        return task;
    }

    /** Processes records polled from one partition, one by one (native mode). */
    public void process(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        PartitionTask task = tasks.get(partition);
        if (task == null || records.isEmpty()) {
            return;
        }
        StreamTask streamTask = task.task();
        PartitionOutput output = task.output();
        boolean routed = task.stage == TaskStage.WINDOWING;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            SourceRecord source = sourceRecord(task, record);
            output.processing(source.key(), record.key());
            streamTask.process(source);
            if (!routed) {
                // End-to-end latency runs from the source record; a routed one was counted when read.
                metrics.admitted(record.timestamp());
            }
        }
        output.processing(null, null);
        task.processedUpTo(records.get(records.size() - 1).offset() + 1);
    }

    /** Processes a micro-batch: the records of each partition as one batch of its task. */
    public void processBatch(Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> batch) {
        for (Map.Entry<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> entry : batch.entrySet()) {
            PartitionTask task = tasks.get(entry.getKey());
            List<ConsumerRecord<byte[], byte[]>> records = entry.getValue();
            if (task == null || records.isEmpty()) {
                continue;
            }
            List<SourceRecord> input = new ArrayList<>(records.size());
            for (ConsumerRecord<byte[], byte[]> record : records) {
                input.add(sourceRecord(task, record));
            }
            task.task().processBatch(input);
            if (task.stage != TaskStage.WINDOWING) {
                records.forEach(record -> metrics.admitted(record.timestamp()));
            }
            task.processedUpTo(records.get(records.size() - 1).offset() + 1);
        }
    }

    /** Lets every task publish what the clock makes due (idle partitions, processing-time windows). */
    public void advanceProcessingTime(long now) {
        for (PartitionTask task : tasks.values()) {
            task.task().advanceProcessingTime(now);
        }
    }

    /**
     * The changelog records of every state change since the last call, by source partition; each task
     * first saves its progress (watermarks) into its state, or, routing, sends it to the repartition.
     */
    public Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> drainChangelog() {
        if (restorer == null) {
            return Map.of();
        }
        Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog = new LinkedHashMap<>();
        for (PartitionTask task : tasks.values()) {
            task.task().prepareCommit();
            if (task.stage == TaskStage.ROUTING) {
                continue;
            }
            List<StateChange> changes = task.drainChanges();
            if (changes.isEmpty()) {
                continue;
            }
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(changes.size());
            for (StateChange change : changes) {
                records.add(new ProducerRecord<>(changelogTopic, task.partition.partition(), null,
                        ChangelogKeys.key(task.partition, change), change.value(), task.changelogHeaders()));
            }
            changelog.put(task.partition, records);
        }
        return changelog;
    }

    /** True if records were processed since the last commit. */
    public boolean hasProgress() {
        for (PartitionTask task : tasks.values()) {
            if (task.advanced()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The offsets to commit: of the partitions that advanced, or with {@code everyPartition} of every
     * partition owned (an unchanged offset commits again harmlessly, and makes a transaction fenceable).
     */
    public Map<TopicPartition, OffsetAndMetadata> offsets(boolean everyPartition) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionTask task : tasks.values()) {
            if (everyPartition || task.advanced()) {
                offsets.put(task.partition, new OffsetAndMetadata(task.nextOffset()));
            }
        }
        return offsets;
    }

    /** Where each task stood at the last commit (or at its start): where a rewind resumes. */
    public Map<TopicPartition, Long> committedPositions() {
        Map<TopicPartition, Long> positions = new LinkedHashMap<>();
        tasks.forEach((partition, task) -> positions.put(partition, task.committedOffset()));
        return positions;
    }

    /** The last commit covered everything processed. */
    public void committed() {
        tasks.values().forEach(PartitionTask::committed);
    }

    /** Closes the tasks of partitions this worker no longer owns; their uncommitted outputs are dropped. */
    public void close(Collection<TopicPartition> partitions) {
        protocol.discard(partitions);
        for (TopicPartition partition : partitions) {
            PartitionTask task = tasks.remove(partition);
            if (task != null) {
                task.close();
            }
        }
    }

    public void closeAll() {
        close(new ArrayList<>(tasks.keySet()));
    }

    /** A report per task, with its consumer lag. */
    public List<TaskReport> reports(StreamState state, String lastError, Function<TopicPartition, OptionalLong> lag) {
        List<TaskReport> reports = new ArrayList<>(tasks.size());
        for (PartitionTask task : tasks.values()) {
            reports.add(new TaskReport(task.partition, state, lastError, task.task().metrics(),
                    lag.apply(task.partition).orElse(0)));
        }
        return reports;
    }

    private SourceRecord sourceRecord(PartitionTask task, ConsumerRecord<byte[], byte[]> record) {
        if (task.stage == TaskStage.WINDOWING) {
            return repartition.read(task.source, record);
        }
        return sourceRecord(task.source, record);
    }

    /** A source record for the engine; its attachment is the Kafka headers, forwarded as read with late records and dead letters. */
    private static SourceRecord sourceRecord(SourcePartition partition, ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = Map.of();
        // toArray, not an iterator: most records carry no header, and then it allocates nothing.
        Header[] received = record.headers().toArray();
        if (received.length > 0) {
            headers = new HashMap<>();
            for (Header header : received) {
                headers.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return SourceRecord.ofPayload(partition, record.offset(), key, record.value(), record.timestamp(), headers,
                received.length > 0 ? record.headers() : null);
    }
}
