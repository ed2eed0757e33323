package org.hyperiot.streaming.engine.repartition;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.Repartitioning;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamTask;
import org.hyperiot.streaming.engine.TaskMetrics;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.TaskStage;
import org.hyperiot.streaming.engine.ValueFormat;

/**
 * Runs a stream over several source partitions the way the Kafka runtime does, in memory, with every
 * interleaving in the test's hands. Each source partition has a task of its own: a
 * {@link TaskStage#ROUTING routing} task when the stream {@link Repartitioning repartitions}, else one
 * running the {@link TaskStage#COMPLETE complete} pipeline; a stream that repartitions has one
 * {@link TaskStage#WINDOWING windowing} task per partition of its repartition topic as well.
 *
 * <p>What a routing task sends to one repartition partition travels through a FIFO channel of its own,
 * as one producer's records to one Kafka partition keep their order, while the channels into a
 * partition deliver in whatever interleaving the test chooses, as concurrent producers' appends do. At
 * a commit a routing task's progress markers go into its channel to every repartition partition, after
 * what it sent there before. A routed record reaches its windowing task as the runtime hands it over:
 * its value encoded with the source format, its event time as timestamp, its source partition as origin.
 *
 * <p>Processing time is one clock for every task. {@link #latestSafeTime()} is how far it may move
 * without a windowing task taking for idle a source partition that still has something for it, which
 * is the premise of {@code idleTimeout}: a partition goes idle because it has stopped, not because the
 * runtime lagged behind on it.
 */
public final class SimulatedRuntime {

    /** A result as a task published it, with that task's reported watermark at that moment. */
    public record Published(int task, StreamRecord record, long watermark) {
    }

    /** Which repartition partition a key goes to, given how many there are. */
    @FunctionalInterface
    public interface KeyPartitioner {
        int partition(String key, int partitions);
    }

    /**
     * Hashes the key; every {@code null} key goes to one partition, so that the {@code null} group
     * stays one group (Kafka's own partitioner would spread keyless records).
     */
    public static final KeyPartitioner HASH = (key, partitions) -> Math.floorMod(Objects.hashCode(key), partitions);

    /** What a routing task put in a channel: a routed record, or a progress marker of its partition. */
    private record Sent(boolean progress, String key, byte[] payload, long eventTime, Map<String, String> headers,
                        boolean idle) {
    }

    private final StreamDefinition definition;
    private final boolean repartitions;
    private final boolean microBatch;
    private final long idleTimeout;
    private final KeyPartitioner partitioner;
    private final ValueFormat sourceFormat;
    private final String repartitionTopic;
    private final List<SourcePartition> sources = new ArrayList<>();
    private final List<Deque<SourceRecord>> unread = new ArrayList<>();
    private final long[] nextSourceOffset;
    private final boolean[] unreported;
    private final List<StreamTask> sourceTasks = new ArrayList<>();
    private final List<StreamTask> windowingTasks = new ArrayList<>();
    private final int repartitionCount;
    /** [source partition][repartition partition]. */
    private final Deque<Sent>[][] channels;
    /** When each routing task last read a record of its partition: what its idle timer counts from. */
    private final long[] lastRead;
    private final long[] nextRepartitionOffset;
    private final List<Published> published = new ArrayList<>();
    private final List<LateRecord> late = new ArrayList<>();
    private final List<DeadLetterRecord> deadLetters = new ArrayList<>();
    private long now;

    /**
     * A runtime over {@code sourcePartitions} partitions of the definition's first source topic, with
     * as many repartition partitions as {@link Repartitioning#partitions} gives.
     */
    public SimulatedRuntime(StreamDefinition definition, int sourcePartitions, KeyPartitioner partitioner) {
        this.definition = definition;
        this.repartitions = Repartitioning.required(definition);
        this.microBatch = definition.mode() == ProcessingMode.MICRO_BATCH;
        this.idleTimeout = definition.watermark().idleTimeout() == null ? Long.MAX_VALUE
                : definition.watermark().idleTimeout().toMillis();
        this.partitioner = partitioner;
        this.sourceFormat = ValueFormat.of(definition.source().format());
        this.repartitionTopic = "hyperiot-stream-" + definition.name() + "-repartition";
        String topic = definition.source().topics().get(0);
        for (int p = 0; p < sourcePartitions; p++) {
            sources.add(new SourcePartition(topic, p));
            unread.add(new ArrayDeque<>());
        }
        this.nextSourceOffset = new long[sourcePartitions];
        this.unreported = new boolean[sourcePartitions];
        this.repartitionCount = repartitions ? Repartitioning.partitions(definition, sourcePartitions) : 0;
        @SuppressWarnings("unchecked")
        Deque<Sent>[][] created = new Deque[sourcePartitions][repartitionCount];
        this.channels = created;
        this.lastRead = new long[sourcePartitions];
        this.nextRepartitionOffset = new long[repartitionCount];
        for (int p = 0; p < sourcePartitions; p++) {
            for (int m = 0; m < repartitionCount; m++) {
                channels[p][m] = new ArrayDeque<>();
            }
            TaskOutput output = repartitions ? new RoutingOutput(p) : new PublishingOutput(sourceTasks, p);
            sourceTasks.add(open(StreamTask.builder(definition).output(output)
                    .stage(repartitions ? TaskStage.ROUTING : TaskStage.COMPLETE)
                    .partitions(List.of(sources.get(p)))));
        }
        for (int m = 0; m < repartitionCount; m++) {
            windowingTasks.add(open(StreamTask.builder(definition).output(new PublishingOutput(windowingTasks, m))
                    .stage(TaskStage.WINDOWING).partitions(sources)));
        }
    }

    private static StreamTask open(StreamTask.Builder builder) {
        StreamTask task = builder.processors(ProcessorRegistry.empty()).build();
        task.open();
        return task;
    }

    /** Appends a record to a source partition, to be read by its task at a later {@link #read}. */
    public void append(int partition, String key, Object value, long timestamp) {
        SourcePartition at = sources.get(partition);
        unread.get(partition).add(SourceRecord.ofValue(at, nextSourceOffset[partition]++, key, value, timestamp,
                Map.of()));
    }

    /**
     * The task of a source partition reads up to {@code max} of its unread records: one by one in
     * native mode, as one batch in micro-batch mode.
     *
     * @return how many it read
     */
    public int read(int partition, int max) {
        Deque<SourceRecord> queue = unread.get(partition);
        List<SourceRecord> records = new ArrayList<>();
        while (records.size() < max && !queue.isEmpty()) {
            records.add(queue.poll());
        }
        if (records.isEmpty()) {
            return 0;
        }
        StreamTask task = sourceTasks.get(partition);
        if (microBatch) {
            task.processBatch(records);
        } else {
            records.forEach(task::process);
        }
        unreported[partition] = true;
        lastRead[partition] = now;
        return records.size();
    }

    /** The task of a source partition reads every unread record of it. */
    public void readAll(int partition) {
        read(partition, Integer.MAX_VALUE);
    }

    /** The task of a source partition commits: a routing task sends the progress of its partition. */
    public void commit(int partition) {
        sourceTasks.get(partition).prepareCommit();
        unreported[partition] = false;
    }

    /**
     * The windowing task of a repartition partition reads the next item of each channel named, in
     * that order: a routed record or a progress marker of that source partition. One batch in
     * micro-batch mode.
     *
     * @return how many items it read (a channel named more often than it holds items gives fewer)
     */
    public int deliver(int repartitionPartition, List<Integer> fromSourcePartitions) {
        List<SourceRecord> records = new ArrayList<>();
        for (int p : fromSourcePartitions) {
            Sent sent = channels[p][repartitionPartition].poll();
            if (sent != null) {
                records.add(toRecord(sent, p, repartitionPartition));
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        StreamTask task = windowingTasks.get(repartitionPartition);
        if (microBatch) {
            task.processBatch(records);
        } else {
            records.forEach(task::process);
        }
        return records.size();
    }

    /** Delivers everything in flight, channel after channel. */
    public void deliverAll() {
        for (int m = 0; m < repartitionCount; m++) {
            for (int p = 0; p < sources.size(); p++) {
                while (!channels[p][m].isEmpty()) {
                    deliver(m, List.of(p));
                }
            }
        }
    }

    private SourceRecord toRecord(Sent sent, int origin, int repartitionPartition) {
        SourcePartition at = new SourcePartition(repartitionTopic, repartitionPartition);
        long offset = nextRepartitionOffset[repartitionPartition]++;
        return sent.progress()
                ? SourceRecord.progress(at, offset, sources.get(origin), sent.eventTime(), sent.idle())
                : SourceRecord.routed(at, offset, sent.key(), sent.payload(), sent.eventTime(), sources.get(origin),
                        sent.headers(), null);
    }

    /** Moves every task's processing time to {@code time}. */
    public void advanceProcessingTime(long time) {
        now = Math.max(now, time);
        sourceTasks.forEach(task -> task.advanceProcessingTime(now));
        windowingTasks.forEach(task -> task.advanceProcessingTime(now));
    }

    /** The processing time every task is at. */
    public long processingTime() {
        return now;
    }

    /**
     * The latest processing time at which no routing task yet takes for idle a source partition that
     * has records still to read (a partition read too slowly is idle by design, and its records late).
     * Windowing tasks take a partition for idle only when its routing task says so.
     */
    public long latestSafeTime() {
        if (idleTimeout == Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long latest = Long.MAX_VALUE;
        for (int p = 0; p < sources.size(); p++) {
            if (!unread.get(p).isEmpty()) {
                latest = Math.min(latest, lastRead[p] + idleTimeout - 1);
            }
        }
        return latest;
    }

    /**
     * Every routing task commits and everything in flight is delivered, as the runtime's next commit
     * interval would do: what the clock made idle reaches the windowing tasks.
     */
    public void settle() {
        for (int p = 0; p < sources.size(); p++) {
            if (repartitions) {
                commit(p);
            }
        }
        deliverAll();
    }

    /** True when every record has been read, every progress reported and everything in flight delivered. */
    public boolean isDrained() {
        for (int p = 0; p < sources.size(); p++) {
            if (!unread.get(p).isEmpty() || unreported[p]) {
                return false;
            }
            for (int m = 0; m < repartitionCount; m++) {
                if (!channels[p][m].isEmpty()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Runs until {@link #isDrained() drained} in a random interleaving of reads (of random batch sizes),
     * commits, deliveries from random channels and steps of processing time of up to
     * {@code maxClockStep}, never beyond {@link #latestSafeTime()}.
     */
    public void runRandomly(Random random, long maxClockStep) {
        while (!isDrained()) {
            int action = random.nextInt(20);
            if (action < 8) {
                read(random.nextInt(sources.size()), microBatch ? 1 + random.nextInt(5) : 1);
            } else if (action < 10) {
                int partition = random.nextInt(sources.size());
                if (unread.get(partition).isEmpty() || random.nextBoolean()) {
                    commit(partition);
                }
            } else if (action < 18) {
                deliverRandomly(random);
            } else {
                long target = Math.min(now + (long) (random.nextDouble() * (maxClockStep + 1)), latestSafeTime());
                if (target > now) {
                    advanceProcessingTime(target);
                }
            }
        }
    }

    private void deliverRandomly(Random random) {
        List<int[]> nonEmpty = new ArrayList<>();
        for (int p = 0; p < sources.size(); p++) {
            for (int m = 0; m < repartitionCount; m++) {
                if (!channels[p][m].isEmpty()) {
                    nonEmpty.add(new int[] {p, m});
                }
            }
        }
        if (nonEmpty.isEmpty()) {
            return;
        }
        int[] first = nonEmpty.get(random.nextInt(nonEmpty.size()));
        int m = first[1];
        List<Integer> from = new ArrayList<>(List.of(first[0]));
        if (microBatch) {
            // A batch of the windowing task is whatever its partition holds, from any origins.
            for (int more = random.nextInt(5); more > 0; more--) {
                from.add(random.nextInt(sources.size()));
            }
        }
        deliver(m, from);
    }

    /** Ends the input of every task that publishes results, closing every time window. */
    public void endOfInput() {
        publishingTasks().forEach(StreamTask::endOfInput);
    }

    /** The routing tasks, or without repartition the complete tasks, one per source partition. */
    public List<StreamTask> sourceTasks() {
        return Collections.unmodifiableList(sourceTasks);
    }

    /** The windowing tasks, one per repartition partition; none without repartition. */
    public List<StreamTask> windowingTasks() {
        return Collections.unmodifiableList(windowingTasks);
    }

    /** The tasks whose results go to the sink. */
    public List<StreamTask> publishingTasks() {
        return repartitions ? windowingTasks() : sourceTasks();
    }

    /** How many partitions the repartition has; 0 without repartition. */
    public int repartitionPartitions() {
        return repartitionCount;
    }

    /** Every result published so far, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    /** The records of {@link #published()}. */
    public List<StreamRecord> results() {
        return published.stream().map(Published::record).toList();
    }

    /** Late records sent to the late output so far. */
    public List<LateRecord> late() {
        return List.copyOf(late);
    }

    /** Dead letters so far. */
    public List<DeadLetterRecord> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /** Late records counted by the publishing tasks, sent to the late output or dropped. */
    public long lateCount() {
        return publishingTasks().stream().map(StreamTask::metrics).mapToLong(TaskMetrics::late).sum();
    }

    /** Sends what a routing task produces into its channels. */
    private final class RoutingOutput implements TaskOutput {

        private final int partition;

        RoutingOutput(int partition) {
            this.partition = partition;
        }

        @Override
        public void repartition(SourceRecord source, StreamRecord record) {
            int target = partitioner.partition(record.key(), repartitionCount);
            channels[partition][target].add(new Sent(false, record.key(), sourceFormat.encode(record.value()),
                    record.timestamp(), source.headers(), false));
        }

        @Override
        public void progress(SourcePartition of, long maxEventTime, boolean idle) {
            if (!of.equals(sources.get(partition))) {
                throw new AssertionError("the routing task of " + sources.get(partition) + " reported " + of);
            }
            for (int m = 0; m < repartitionCount; m++) {
                channels[partition][m].add(new Sent(true, null, null, maxEventTime, Map.of(), idle));
            }
        }

        @Override
        public void result(StreamRecord record) {
            throw new AssertionError("a routing task published " + record);
        }

        @Override
        public void late(LateRecord record) {
            throw new AssertionError("a routing task, which has no window, found a late record: " + record);
        }

        @Override
        public void deadLetter(DeadLetterRecord record) {
            deadLetters.add(record);
        }
    }

    /** Collects what a windowing or complete task publishes. */
    private final class PublishingOutput implements TaskOutput {

        private final List<StreamTask> tasks;
        private final int index;

        PublishingOutput(List<StreamTask> tasks, int index) {
            this.tasks = tasks;
            this.index = index;
        }

        @Override
        public void result(StreamRecord record) {
            // Read while publishing: what the task would report in /metrics at that very moment.
            published.add(new Published(index, record, tasks.get(index).metrics().watermark()));
        }

        @Override
        public void late(LateRecord record) {
            late.add(record);
        }

        @Override
        public void deadLetter(DeadLetterRecord record) {
            deadLetters.add(record);
        }
    }
}
