package org.hyperiot.streaming.engine.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskMetrics;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.state.StateChange;
import org.hyperiot.streaming.engine.state.TaskSnapshot;

/**
 * Runs a stream definition in memory, the way one task of the stream runtime would, for tests of
 * definitions and of custom processors. Records piped in are processed at the driver's processing
 * time, which only moves when the test calls {@link #advanceProcessingTime(Duration)}; what the
 * stream writes is collected and read with {@link #readOutput()}, {@link #readLateRecords()} and
 * {@link #readDeadLetters()}.
 *
 * <p>In {@code micro-batch} mode piped records wait in a batch, as in the runtime, until the batch
 * holds {@code maxRecords} records, processing time reaches {@code interval} after the batch's first
 * record, {@link #flushBatch()} or {@link #endOfInput()}.
 *
 * <p>The driver runs one task over every partition it is given, so a window's watermark is the lowest
 * over all of them, as in a stream that {@linkplain org.hyperiot.streaming.engine.Repartitioning
 * repartitions} at its {@code keyBy}: its results are those of the runtime whatever partition each record
 * sits in. Name the source partitions with {@link Builder#sourcePartitions(int)} when some of them get no
 * record for a while, so that they hold the watermark back from the start as in the runtime.
 *
 * <p>A record that fails (undecodable payload, missing event time, a processor that throws) becomes a
 * dead letter when the definition has a {@code deadLetter} topic. Without one, the pipe method throws
 * {@link StreamProcessingException}, as the runtime would put the stream in {@code FAILED}, and the
 * driver accepts no more records.
 *
 * <pre>{@code
 * try (StreamTestDriver driver = StreamTestDriver.builder(definitionJson)
 *         .processor("celsius-to-kelvin", CelsiusToKelvin::new)
 *         .build()) {
 *     driver.pipeInput("d17", Map.of("deviceId", "d17", "temp", 21.5, "ts", 1_000L), 1_000L);
 *     driver.endOfInput();
 *     assertThat(driver.readOutput()).extracting(StreamRecord::value)...;
 * }
 * }</pre>
 */
public final class StreamTestDriver implements AutoCloseable {

    private final StreamDefinition definition;
    private final StreamTask task;
    private final List<StreamRecord> output = new ArrayList<>();
    private final List<LateRecord> late = new ArrayList<>();
    private final List<DeadLetterRecord> deadLetters = new ArrayList<>();
    private final List<StateChange> changelog = new ArrayList<>();
    private final Map<SourcePartition, Long> nextOffsets = new HashMap<>();
    private final List<SourceRecord> batch = new ArrayList<>();
    private final boolean microBatch;
    private long batchOpenedAt;
    private long processingTime;

    private StreamTestDriver(Builder builder) {
        this.definition = builder.definition;
        this.microBatch = definition.mode() == ProcessingMode.MICRO_BATCH;
        this.processingTime = builder.startTime;
        TaskOutput collector = new TaskOutput() {
            @Override
            public void result(StreamRecord record) {
                output.add(record);
            }

            @Override
            public void late(LateRecord record) {
                late.add(record);
            }

            @Override
            public void deadLetter(DeadLetterRecord record) {
                deadLetters.add(record);
            }
        };
        this.task = StreamTask.builder(definition)
                .processors(builder.registry())
                .output(collector)
                .stateListener(changelog::add)
                .processingTime(processingTime)
                .partitions(builder.partitions)
                .build();
        if (builder.snapshot != null) {
            task.restore(builder.snapshot);
        }
        task.open();
    }

    /** Starts configuring a driver for a definition. */
    public static Builder builder(StreamDefinition definition) {
        return new Builder(definition);
    }

    /** Starts configuring a driver for a definition in JSON, read and validated as the REST API would. */
    public static Builder builder(String definitionJson) {
        return new Builder(new StreamDefinitionReader().read(definitionJson));
    }

    /** Configures a {@link StreamTestDriver}. */
    public static final class Builder {

        private final StreamDefinition definition;
        private final Map<String, Supplier<? extends StreamProcessor>> processors = new HashMap<>();
        private final Map<String, Supplier<? extends StreamAggregator>> aggregators = new HashMap<>();
        private ProcessorRegistry registry;
        private long startTime;
        private TaskSnapshot snapshot;
        private final List<SourcePartition> partitions = new ArrayList<>();

        private Builder(StreamDefinition definition) {
            this.definition = definition;
        }

        /** Registers a processor under a name; each task gets a fresh instance from the supplier. */
        public Builder processor(String name, Supplier<? extends StreamProcessor> supplier) {
            processors.put(name, supplier);
            return this;
        }

        /** Registers an aggregator under a name. */
        public Builder aggregator(String name, Supplier<? extends StreamAggregator> supplier) {
            aggregators.put(name, supplier);
            return this;
        }

        /** Uses a registry instead of the processors and aggregators registered on this builder. */
        public Builder registry(ProcessorRegistry value) {
            this.registry = value;
            return this;
        }

        /** The processing time the driver starts at, in epoch milliseconds; 0 by default. */
        public Builder startTime(long epochMillis) {
            this.startTime = epochMillis;
            return this;
        }

        /**
         * Every source topic has {@code count} partitions, all tracked for the watermark from the start
         * (each holds it back until it delivers a record or, with {@code idleTimeout}, goes idle).
         * Without this a partition counts from its first record.
         */
        public Builder sourcePartitions(int count) {
            partitions.clear();
            for (String topic : definition.source().topics()) {
                for (int p = 0; p < count; p++) {
                    partitions.add(new SourcePartition(topic, p));
                }
            }
            return this;
        }

        /** Starts from the state of an earlier driver's {@link StreamTestDriver#snapshot()}. */
        public Builder restoreFrom(TaskSnapshot value) {
            this.snapshot = value;
            return this;
        }

        private ProcessorRegistry registry() {
            return registry != null ? registry : ProcessorRegistry.of(processors, aggregators);
        }

        /**
         * The driver, with its task open.
         *
         * @throws MissingProcessorException if the definition uses a processor or aggregator not registered
         */
        public StreamTestDriver build() {
            return new StreamTestDriver(this);
        }
    }

    /**
     * Pipes a record whose value is already in the source format's Java form (a {@code Map} tree for
     * json, a {@code String}, a {@code byte[]}) into partition 0 of the first source topic.
     */
    public void pipeInput(String key, Object value, long timestamp) {
        pipeInput(definition.source().topics().get(0), 0, key, value, timestamp);
    }

    /** Pipes a decoded value into a given partition; offsets are numbered per partition from 0. */
    public void pipeInput(String topic, int partition, String key, Object value, long timestamp) {
        SourcePartition at = new SourcePartition(topic, partition);
        pipe(SourceRecord.ofValue(at, nextOffset(at), key, value, timestamp, Map.of()));
    }

    /** Pipes raw bytes, decoded by the source format as the runtime would, into a given partition. */
    public void pipeRaw(String topic, int partition, String key, byte[] payload, long timestamp) {
        SourcePartition at = new SourcePartition(topic, partition);
        pipe(SourceRecord.ofPayload(at, nextOffset(at), key, payload, timestamp, Map.of()));
    }

    /** Pipes UTF-8 text (for example JSON) as the raw payload into partition 0 of the first source topic. */
    public void pipeRaw(String key, String payload, long timestamp) {
        pipeRaw(definition.source().topics().get(0), 0, key, payload.getBytes(StandardCharsets.UTF_8), timestamp);
    }

    /** Pipes a fully specified source record (headers, offset of your choosing). */
    public void pipe(SourceRecord record) {
        nextOffsets.merge(record.partition(), record.offset() + 1, Math::max);
        if (!microBatch) {
            task.process(record);
            return;
        }
        if (batch.isEmpty()) {
            batchOpenedAt = processingTime;
        }
        batch.add(record);
        if (batch.size() >= definition.batch().maxRecords()) {
            flushBatch();
        }
    }

    private long nextOffset(SourcePartition partition) {
        return nextOffsets.getOrDefault(partition, 0L);
    }

    /** Processes the records waiting in the current micro-batch now; does nothing in native mode. */
    public void flushBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<SourceRecord> records = new ArrayList<>(batch);
        batch.clear();
        task.processBatch(records);
    }

    /**
     * Moves processing time forward. In micro-batch mode a batch whose interval ends on the way is
     * processed at the moment it ends. Then idle partitions stop holding the watermark back and
     * processing-time windows close as due.
     */
    public void advanceProcessingTime(Duration duration) {
        long target = processingTime + duration.toMillis();
        if (microBatch && !batch.isEmpty()) {
            long batchDue = batchOpenedAt + definition.batch().interval().toMillis();
            if (batchDue <= target) {
                processingTime = batchDue;
                task.advanceProcessingTime(processingTime);
                flushBatch();
            }
        }
        processingTime = target;
        task.advanceProcessingTime(processingTime);
    }

    /** Ends the input: flushes a pending batch, then publishes every remaining time window. */
    public void endOfInput() {
        flushBatch();
        task.endOfInput();
    }

    /** The records written to the sink since the last call, oldest first. */
    public List<StreamRecord> readOutput() {
        return drain(output);
    }

    /** The values of {@link #readOutput()}, for the common case of asserting on values only. */
    public List<Object> readOutputValues() {
        return readOutput().stream().map(StreamRecord::value).toList();
    }

    /** The records sent to the late-record output since the last call. */
    public List<LateRecord> readLateRecords() {
        return drain(late);
    }

    /** The records sent to the dead-letter output since the last call. */
    public List<DeadLetterRecord> readDeadLetters() {
        return drain(deadLetters);
    }

    /** Every state change reported so far, as a runtime would write it to the changelog. */
    public List<StateChange> changelog() {
        return List.copyOf(changelog);
    }

    private static <T> List<T> drain(List<T> collected) {
        List<T> copy = List.copyOf(collected);
        collected.clear();
        return copy;
    }

    /** The task's current state, for restarting a new driver with {@link Builder#restoreFrom}. */
    public TaskSnapshot snapshot() {
        return task.snapshot();
    }

    /** The task watermark. */
    public long watermark() {
        return task.watermark();
    }

    /** The driver's processing time. */
    public long processingTime() {
        return processingTime;
    }

    /** The task's counters. */
    public TaskMetrics metrics() {
        return task.metrics();
    }

    /** The task under test, for what the driver does not offer. */
    public StreamTask task() {
        return task;
    }

    /** Closes the task and its processors. */
    @Override
    public void close() {
        task.close();
    }
}
