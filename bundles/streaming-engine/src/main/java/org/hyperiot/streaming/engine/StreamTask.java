package org.hyperiot.streaming.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.definition.StreamDefinitionValidator;
import org.hyperiot.streaming.engine.internal.pipeline.Downstream;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;
import org.hyperiot.streaming.engine.internal.operator.WindowDeclaration;
import org.hyperiot.streaming.engine.internal.task.BatchExecution;
import org.hyperiot.streaming.engine.internal.task.OpenedPipeline;
import org.hyperiot.streaming.engine.internal.task.OutputRouter;
import org.hyperiot.streaming.engine.internal.task.ProgressReports;
import org.hyperiot.streaming.engine.internal.task.TaskProgress;
import org.hyperiot.streaming.engine.internal.task.TaskTime;
import org.hyperiot.streaming.engine.internal.time.EventTimeExtractor;
import org.hyperiot.streaming.engine.internal.time.WatermarkTracker;
import org.hyperiot.streaming.engine.internal.window.WindowStage;
import org.hyperiot.streaming.engine.state.StateChange;
import org.hyperiot.streaming.engine.state.StateChangeListener;
import org.hyperiot.streaming.engine.state.StateStore;
import org.hyperiot.streaming.engine.state.TaskSnapshot;

/**
 * One task of a stream: the whole pipeline of a definition over the records of the source partitions
 * the task owns. A runtime (a Kafka consumer loop, a Storm bolt, the test driver) drives it from a
 * single thread:
 *
 * <ol>
 *   <li>{@link #builder(StreamDefinition)} … {@code build()}: validates the definition;</li>
 *   <li>optionally {@link #restore(TaskSnapshot)} or {@link #restore(Iterable)} from the last checkpoint;</li>
 *   <li>{@link #open()}: looks up custom processors and aggregators and opens them
 *       ({@link MissingProcessorException} means: wait until they are registered);</li>
 *   <li>{@link #assign(Collection)} the partitions, then in a loop {@link #advanceProcessingTime(long)}
 *       and {@link #process(SourceRecord)} (native) or {@link #processBatch(List)} (micro-batch);</li>
 *   <li>before each commit, {@link #prepareCommit()}, so that the changelog holds the task's
 *       progress; then commit outputs, changelog and offsets as the guarantee requires;</li>
 *   <li>{@link #close()} when stopping or losing the partitions.</li>
 * </ol>
 *
 * <p>Outputs go to the {@link TaskOutput} synchronously. A record that cannot be decoded, has no
 * usable event time, or makes an operator throw, becomes a dead letter; without a dead-letter topic
 * the task throws {@link StreamProcessingException} and is unusable afterwards. A task is not
 * thread-safe.
 */
public final class StreamTask implements AutoCloseable {

    private enum Phase { CREATED, OPEN, FAILED, CLOSED }

    private final StreamDefinition definition;
    private final TaskStage stage;
    private final ProcessorRegistry registry;
    private final ValueFormat sourceFormat;
    private final EventTimeExtractor eventTime;
    private final WatermarkTracker watermarks;
    private final WindowStage window;
    private final TaskProgress progress;
    private final List<StateStore<?, ?>> stores = new ArrayList<>();
    private final TaskTime time;
    private final OutputRouter router;
    /** Set by {@link #open()}: the opened transforms and what they took from the registry. */
    private OpenedPipeline pipeline;
    private Downstream head;
    private BatchExecution batchExecution;
    private Phase phase = Phase.CREATED;
    private long recordsIn;
    /** What a routing task reports to the windowing tasks at each commit. */
    private final ProgressReports progressReports;

    private StreamTask(Builder builder) {
        this.definition = StreamDefinitionValidator.requireValid(builder.definition);
        this.stage = builder.stage;
        if (stage != TaskStage.COMPLETE && !Repartitioning.required(definition)) {
            throw new IllegalArgumentException("stream '" + definition.name() + "' does not repartition, so it "
                    + "runs in one stage, not " + stage);
        }
        this.registry = builder.registry;
        this.sourceFormat = ValueFormat.of(definition.source().format());
        this.eventTime = EventTimeExtractor.of(definition.source().eventTime());
        long maxOutOfOrderness = definition.watermark().maxOutOfOrderness().toMillis();
        this.watermarks = stage == TaskStage.WINDOWING
                ? WatermarkTracker.declared(maxOutOfOrderness, eventTime.isProcessingTime())
                : new WatermarkTracker(maxOutOfOrderness,
                        definition.watermark().idleTimeout() == null ? 0 : definition.watermark().idleTimeout().toMillis(),
                        eventTime.isProcessingTime());
        this.time = new TaskTime(builder.processingTime);
        this.progressReports = new ProgressReports(definition.watermark().idleTimeout());
        // Validation guarantees at most one window, and only as the last operator.
        this.window = stage == TaskStage.ROUTING ? null : definition.pipeline().stream()
                .filter(operator -> DeclaredOperators.of(operator) instanceof WindowDeclaration)
                .map(operator -> DeclaredOperators.WINDOW.stage((WindowOperator) operator))
                .findFirst().orElse(null);
        this.progress = new TaskProgress(window == null ? null : window.layout());
        stores.add(progress.store());
        if (window != null) {
            stores.addAll(window.stores());
        }
        if (builder.stateListener != null) {
            stores.forEach(store -> store.setChangeListener(builder.stateListener));
        }
        this.router = new OutputRouter(builder.output, definition.lateRecords() != null,
                definition.deadLetter() != null, time, stage == TaskStage.ROUTING);
        builder.partitions.forEach(p -> watermarks.register(p, time.processingTime()));
    }

    /** Starts building a task for a definition. */
    public static Builder builder(StreamDefinition definition) {
        return new Builder(definition);
    }

    /** Configures a {@link StreamTask}. */
    public static final class Builder {

        private final StreamDefinition definition;
        private ProcessorRegistry registry = ProcessorRegistry.empty();
        private TaskOutput output;
        private StateChangeListener stateListener;
        private final List<SourcePartition> partitions = new ArrayList<>();
        private long processingTime;
        private TaskStage stage = TaskStage.COMPLETE;

        private Builder(StreamDefinition definition) {
            this.definition = definition;
        }

        /** Where custom processors and aggregators are looked up; none by default. */
        public Builder processors(ProcessorRegistry value) {
            this.registry = value;
            return this;
        }

        /** Where results, late records and dead letters go; required. */
        public Builder output(TaskOutput value) {
            this.output = value;
            return this;
        }

        /** Receives every state change, for the changelog; none by default. */
        public Builder stateListener(StateChangeListener value) {
            this.stateListener = value;
            return this;
        }

        /**
         * Which part of the pipeline the task runs; {@link TaskStage#COMPLETE} by default. The other two
         * are for a stream that {@link Repartitioning#required repartitions}.
         */
        public Builder stage(TaskStage value) {
            this.stage = value;
            return this;
        }

        /**
         * Partitions the task owns from the start (more may be {@link StreamTask#assign assigned} later);
         * for a {@link TaskStage#WINDOWING} task, every source partition of the stream, whose progress
         * holds its watermark back until they deliver or go idle.
         */
        public Builder partitions(Collection<SourcePartition> value) {
            this.partitions.addAll(value);
            return this;
        }

        /** The processing time (epoch milliseconds) the task starts at; 0 by default. */
        public Builder processingTime(long epochMillis) {
            this.processingTime = epochMillis;
            return this;
        }

        /**
         * The task, not yet open.
         *
         * @throws InvalidStreamDefinitionException if the definition is not valid
         */
        public StreamTask build() {
            if (output == null) {
                throw new IllegalStateException("a task needs an output");
            }
            return new StreamTask(this);
        }
    }

    /**
     * Looks up and opens the custom processors and aggregators; the task then accepts records.
     *
     * @throws MissingProcessorException if some are not registered; the task stays unopened and can
     *                                   be opened again later
     * @throws IllegalStateException     if a processor fails to open
     */
    public void open() {
        requirePhase(Phase.CREATED, "open");
        // A windowing task's records went through these operators in the routing stage already.
        List<Operator> operators = stage == TaskStage.WINDOWING ? List.of() : definition.pipeline();
        pipeline = OpenedPipeline.open(definition.name(), operators,
                window == null ? List.of() : window.customAggregators(), registry, time);
        if (window != null) {
            window.bind(pipeline.aggregators());
        }
        head = chain();
        batchExecution = new BatchExecution(pipeline.transforms(), window, router, time, watermarks::current);
        phase = Phase.OPEN;
    }

    private Downstream chain() {
        Downstream next = window == null ? router::result : record -> window.process(record, router);
        List<RecordTransform> transforms = pipeline.transforms();
        for (int i = transforms.size() - 1; i >= 0; i--) {
            RecordTransform transform = transforms.get(i);
            Downstream after = next;
            next = record -> transform.apply(record, after);
        }
        return next;
    }

    /** Adds partitions to the task; their idle time counts from now. */
    public void assign(Collection<SourcePartition> partitions) {
        partitions.forEach(p -> watermarks.register(p, time.processingTime()));
    }

    /** Removes partitions from the task's watermark. */
    public void revoke(Collection<SourcePartition> partitions) {
        partitions.forEach(watermarks::unregister);
    }

    /**
     * Moves processing time forward (a clock that steps back is ignored) and publishes whatever that
     * makes due: partitions idle for {@code idleTimeout} stop holding the watermark back, and with
     * processing-time event time the watermark follows the clock. Call it regularly, also when no
     * records arrive.
     */
    public void advanceProcessingTime(long now) {
        requirePhase(Phase.OPEN, "advance processing time");
        time.advanceProcessingTime(now);
        if (watermarks.advance(time.processingTime())) {
            advanceWindow();
        }
    }

    /**
     * Processes one record (native mode).
     *
     * @throws StreamProcessingException if the record fails and the stream has no dead-letter topic
     */
    public void process(SourceRecord record) {
        requirePhase(Phase.OPEN, "process records");
        if (record.isProgress()) {
            if (watermarks.onProgress(record.origin(), record.timestamp(), record.isOriginIdle(), time.processingTime())) {
                advanceWindow();
            }
            return;
        }
        recordsIn++;
        StreamRecord input;
        try {
            input = admit(record);
        } catch (RecordFormatException e) {
            deadLetter(record, e);
            return;
        }
        if (time.watermark() != watermarks.current()) {
            advanceWindow();
        }
        router.begin(record);
        try {
            head.push(input);
        } catch (Exception e) {
            router.abort();
            deadLetter(record, e);
            return;
        }
        router.commit();
    }

    /**
     * Processes a batch of records (micro-batch mode), with exactly the results that
     * {@link #process} would give for the same records one by one.
     *
     * @throws StreamProcessingException if a record fails and the stream has no dead-letter topic
     */
    public void processBatch(List<SourceRecord> batch) {
        requirePhase(Phase.OPEN, "process records");
        for (int i = 0, n = batch.size(); i < n; i++) {
            if (!batch.get(i).isProgress()) {
                recordsIn++;
            }
        }
        try {
            batchExecution.run(batch, this::admit);
        } catch (StreamProcessingException e) {
            phase = Phase.FAILED;
            throw e;
        }
    }

    /** Decodes a record and accounts for its event time; {@code null} for a progress marker. */
    private StreamRecord admit(SourceRecord record) {
        if (record.isProgress()) {
            watermarks.onProgress(record.origin(), record.timestamp(), record.isOriginIdle(), time.processingTime());
            return null;
        }
        Object value = record.hasPayload() ? sourceFormat.decode(record.payload()) : record.value();
        if (record.origin() != null) {
            // Routed: the routing stage read the event time already; it counts for the partition it came from.
            watermarks.onRecord(record.origin(), record.timestamp(), time.processingTime());
            return new StreamRecord(record.key(), value, record.timestamp(), record.headers());
        }
        long timestamp = eventTime.extract(value, record.timestamp(), time.processingTime());
        watermarks.onRecord(record.partition(), timestamp, time.processingTime());
        return new StreamRecord(record.key(), value, timestamp, record.headers());
    }

    private void advanceWindow() {
        long watermark = watermarks.current();
        time.setWatermark(watermark);
        if (window != null) {
            window.advanceTo(watermark, router);
        }
    }

    private void deadLetter(SourceRecord record, Throwable error) {
        try {
            router.deadLetter(record, error);
        } catch (StreamProcessingException e) {
            phase = Phase.FAILED;
            throw e;
        }
    }

    /**
     * Declares the input finished: the watermark moves to the end of time, so every time window is
     * published and purged. For bounded inputs such as tests and replays; the task accepts no more
     * event-time progress afterwards.
     */
    public void endOfInput() {
        requirePhase(Phase.OPEN, "end the input");
        watermarks.finish();
        advanceWindow();
    }

    /**
     * Writes the task's progress (watermarks, window layout) to its state, reporting it to the state
     * listener if it changed. Call before every commit so that a changelog replay resumes with the
     * same watermarks.
     */
    public void prepareCommit() {
        if (stage == TaskStage.ROUTING) {
            // Windowing tasks with processing-time event time follow their own clock: nothing to report.
            if (!eventTime.isProcessingTime()) {
                progressReports.report(watermarks, time.processingTime(), router);
            }
        } else {
            progress.save(watermarks);
        }
    }

    /** The task's complete state, after {@link #prepareCommit()}. */
    public TaskSnapshot snapshot() {
        prepareCommit();
        Map<String, Map<String, byte[]>> content = new HashMap<>();
        for (StateStore<?, ?> store : stores) {
            content.put(store.name(), store.snapshot());
        }
        return new TaskSnapshot(content);
    }

    /**
     * Replaces the task's state with a snapshot's. Only before the first record.
     *
     * @throws IncompatibleStateException if the snapshot was taken with another window shape or other
     *                                    aggregates; the task's state is then empty
     */
    public void restore(TaskSnapshot snapshot) {
        if (recordsIn > 0 || phase == Phase.FAILED || phase == Phase.CLOSED) {
            throw new IllegalStateException("a task can only be restored before it processes records");
        }
        stores.forEach(StateStore::clear);
        progress.store().restore(snapshot.stores().getOrDefault(TaskProgress.STORE, Map.of()));
        String layout = progress.restoredLayout();
        if (window != null && layout != null && !layout.equals(window.layout())) {
            progress.store().clear();
            throw new IncompatibleStateException("state of stream '" + definition.name() + "' was written for "
                    + layout + " but the window is now " + window.layout());
        }
        if (window != null) {
            for (StateStore<?, ?> store : window.stores()) {
                store.restore(snapshot.stores().getOrDefault(store.name(), Map.of()));
            }
        }
        long watermark = progress.restoreInto(watermarks, time.processingTime());
        time.setWatermark(watermarks.current());
        if (window != null) {
            window.restored(Math.max(watermark, watermarks.current()));
        }
    }

    /**
     * Rebuilds the task's state by replaying its changelog, oldest change first. Gives the same state
     * as {@link #restore(TaskSnapshot)} with a snapshot taken when the last change was made (after
     * {@link #prepareCommit()}).
     */
    public void restore(Iterable<StateChange> changelog) {
        Map<String, Map<String, byte[]>> content = new HashMap<>();
        for (StateChange change : changelog) {
            Map<String, byte[]> entries = content.computeIfAbsent(change.store(), s -> new HashMap<>());
            if (change.isDeletion()) {
                entries.remove(change.key());
            } else {
                entries.put(change.key(), change.value());
            }
        }
        restore(new TaskSnapshot(content));
    }

    /**
     * The task watermark, {@link Long#MIN_VALUE} before the first. A routing task tracks its partitions'
     * watermarks only to report their progress; its windows are the windowing stage's.
     */
    public long watermark() {
        return watermarks.current();
    }

    /** The processing time last given to {@link #advanceProcessingTime(long)}. */
    public long processingTime() {
        return time.processingTime();
    }

    /** The partitions the task tracks for its watermark. */
    public List<SourcePartition> partitions() {
        return watermarks.partitions();
    }

    /** The part of the pipeline the task runs. */
    public TaskStage stage() {
        return stage;
    }

    /** The definition the task runs. */
    public StreamDefinition definition() {
        return definition;
    }

    /** The task's counters. */
    public TaskMetrics metrics() {
        // A routing task's watermark closes no window, so it reports none.
        return new TaskMetrics(recordsIn, router.recordsOut(), router.lateRecords(), router.lateDropped(),
                router.deadLettered(), stage == TaskStage.ROUTING ? Long.MIN_VALUE : watermarks.current());
    }

    /** True after a {@link StreamProcessingException}: the task must be discarded. */
    public boolean isFailed() {
        return phase == Phase.FAILED;
    }

    /**
     * Closes the processors and hands them back to the registry. State is kept in memory (and in the
     * changelog); a new task restores it. Idempotent.
     */
    @Override
    public void close() {
        if (phase == Phase.CLOSED) {
            return;
        }
        phase = Phase.CLOSED;
        if (pipeline != null) {
            pipeline.close();
        }
    }

    private void requirePhase(Phase expected, String action) {
        if (phase != expected) {
            throw new IllegalStateException("cannot " + action + ": task of stream '" + definition.name()
                    + "' is " + phase.name().toLowerCase(Locale.ROOT));
        }
    }
}
