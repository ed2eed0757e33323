package org.hyperiot.streaming.storm.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.Repartitioning;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.LatencyHistogram;
import org.hyperiot.streaming.runtime.kafka.RepartitionPurge;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamMetricsTally;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.hyperiot.streaming.runtime.kafka.TaskReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an engine bolt task does, without Storm: it runs the stream's engine over the source partitions
 * the grouping sends it ({@link SourcePartitionGrouping}), one engine task per partition, and commits
 * outputs, state and offsets as the stream's guarantee requires, with the {@code kafka} engine's classes
 * ({@link CommitGroup}).
 *
 * <p>Each tuple is checked against where its partition stands (the next offset to process), by its
 * offsets alone:
 * <ul>
 *   <li>a tuple that starts after the next offset means tuples were lost on the way (a worker died):
 *       under at-least-once and exactly-once it is failed, and the spout rewinds the whole partition, so
 *       the engine sees the records in their order and none as late; at-most-once accepts the loss;</li>
 *   <li>records before the next offset were processed already (a rewind to an acknowledged position
 *       behind it) and are skipped; the rest are processed.</li>
 * </ul>
 * The tuple's epoch (the spout's count of rewinds of the partition) plays no part here: a spout whose
 * worker restarted counts from 0 again, so an epoch lower than one seen before may be the new spout's
 * as well as a stale one of the old. Taking such tuples as stale (acknowledged, not processed) stalled
 * a stream whose spout and bolt ran in different workers after the spout's worker died, and under
 * at-least-once the new spout would have committed what no bolt processed. A stale tuple is harmless
 * by its offsets: its records are processed in order, skipped, or its tuple failed at a gap (and the
 * spout ignores the failure of a tuple of an epoch it has left).
 * A partition opens on its first tuple: its committed offset is read from the stream's group (the
 * spout commits a partition's start when the group has none) and its state restored from the
 * changelog, exactly as a {@code kafka} engine worker would.
 *
 * <p>A stream whose {@code keyBy} repartitions runs in two stages ({@link BoltInput}), with the
 * {@code kafka} engine's tasks of each: the bolt over the source partitions routes records to the
 * repartition topic with progress markers, the bolt over the repartition partitions runs the window,
 * whose watermark waits for every source partition. So that a source partition without records still
 * tells the windowing stage it is idle, the routing bolt opens every source partition the grouping
 * would send it without waiting for a tuple. The windowing bolt deletes the repartition records its
 * commits have gone past ({@link RepartitionPurge}).
 *
 * <p>Tuples are acknowledged once a commit covers them. A commit that fails gives up its group's work
 * since the last commit and fails its tuples: the spout rewinds, and the partitions open again from
 * their commits. A record the engine cannot take (a poison record without a dead-letter topic, a
 * processor missing on Storm) stops its partition: its tuples are left to time out, so the spout tries
 * again every {@code topology.message.timeout.secs}, and the error is logged.
 *
 * <p>Not thread-safe: a bolt's methods all run on its executor's thread.
 *
 * @param <T> the bolt's tuples
 */
public final class EngineBoltTasks<T> implements AutoCloseable {

    /** Where the verdicts on tuples go: the bolt's collector. */
    public interface Acknowledger<T> {

        /** The tuple is done: a commit covers it, or it was forgotten by a rewind. */
        void ack(T tuple);

        /** The tuple must come again: the spout rewinds its partition. */
        void fail(T tuple);
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineBoltTasks.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** How long a partition stopped by a record the engine cannot take stays stopped before it is tried again. */
    static final long STOPPED_MS = 30_000;
    /** How often a routing bolt looks for source partitions of its own that no tuple opened yet. */
    static final long IDLE_OPEN_INTERVAL_MS = 5_000;

    private final StreamDefinition definition;
    private final ProcessorRegistry processors;
    private final BoltClients clients;
    private final Map<String, Object> cluster;
    private final BoltInput input;
    private final int taskIndex;
    private final int taskCount;
    private final String taskName;
    private final Duration transactionTimeout;
    private final Acknowledger<T> acknowledger;
    private final Clock clock;
    private final boolean exactlyOnce;
    private final boolean atMostOnce;
    private final long commitIntervalMs;
    private final List<String> topics;
    /** Whether the stream repartitions, and this bolt over the source partitions routes (and so opens idle ones). */
    private final boolean routing;
    private final ThrottledLog problems;
    private final Map<Integer, SourcePartitionState<T>> partitions = new TreeMap<>();
    private Consumer<byte[], byte[]> offsets;
    private StreamLayout layout;
    /** Deletes routed records the windowing stage committed; null for the other bolts. */
    private final RepartitionPurge purge;
    private long nextIdleOpen;
    /** The group of every partition, but under exactly-once, where each has its own; null until needed. */
    private CommitGroup<T> shared;
    private final BoltStatusReporter status;
    private final StreamMetricsTally tally = new StreamMetricsTally();
    private long recordsIn;
    private long gaps;

    /**
     * @param input              the partitions the bolt's spout reads
     * @param cluster            the Kafka client settings of the cluster ({@link KafkaClientSettings})
     * @param taskIndex          this bolt task's index among the bolt's tasks, part of its name
     * @param taskCount          how many tasks the bolt has: the grouping sends partition {@code g} to task {@code g mod taskCount}
     * @param transactionTimeout the transaction timeout of exactly-once producers
     * @param statusReports      where the task reports its status ({@link BoltStatusReporter}); {@code null}: nowhere
     */
    public EngineBoltTasks(StreamDefinition definition, ProcessorRegistry processors, BoltInput input,
            Map<String, Object> cluster, int taskIndex, int taskCount, Duration transactionTimeout,
            StatusReports statusReports, Acknowledger<T> acknowledger, Clock clock) {
        this(definition, processors, BoltClients.kafka(), input, cluster, taskIndex, taskCount, transactionTimeout,
                statusReports, acknowledger, clock);
    }

    /**
     * The last task of a bolt over the source partitions, which does not report its status (the count
     * of tasks only matters to a routing bolt).
     */
    EngineBoltTasks(StreamDefinition definition, ProcessorRegistry processors, BoltClients clients,
            Map<String, Object> cluster, int taskIndex, Duration transactionTimeout, Acknowledger<T> acknowledger,
            Clock clock) {
        this(definition, processors, clients, BoltInput.SOURCE, cluster, taskIndex, taskIndex + 1, transactionTimeout,
                null, acknowledger, clock);
    }

    /** @param statusReports where the task reports its status; {@code null}: nowhere */
    EngineBoltTasks(StreamDefinition definition, ProcessorRegistry processors, BoltClients clients, BoltInput input,
            Map<String, Object> cluster, int taskIndex, int taskCount, Duration transactionTimeout,
            StatusReports statusReports, Acknowledger<T> acknowledger, Clock clock) {
        boolean repartitions = Repartitioning.required(definition);
        if (input == BoltInput.REPARTITION && !repartitions) {
            throw new IllegalArgumentException("stream '" + definition.name() + "' does not repartition");
        }
        if (taskIndex < 0 || taskIndex >= taskCount) {
            throw new IllegalArgumentException("task " + taskIndex + " of " + taskCount);
        }
        this.definition = definition;
        this.processors = processors;
        this.clients = clients;
        this.cluster = Map.copyOf(cluster);
        this.input = input;
        this.taskIndex = taskIndex;
        this.taskCount = taskCount;
        this.taskName = input.taskName(taskIndex);
        this.routing = repartitions && input == BoltInput.SOURCE;
        this.transactionTimeout = transactionTimeout;
        this.acknowledger = acknowledger;
        this.clock = clock;
        this.exactlyOnce = definition.guarantee() == Guarantee.EXACTLY_ONCE;
        this.atMostOnce = definition.guarantee() == Guarantee.AT_MOST_ONCE;
        long interval = definition.mode() == ProcessingMode.MICRO_BATCH
                ? definition.batch().interval().toMillis() : definition.commitInterval().toMillis();
        // An exactly-once transaction left open for the transaction timeout is aborted by the broker.
        this.commitIntervalMs = exactlyOnce ? Math.min(interval, Math.max(100, transactionTimeout.toMillis() / 2)) : interval;
        this.topics = input.topics(definition);
        this.problems = new ThrottledLog(LOG, STOPPED_MS, clock::millis);
        this.status = statusReports == null ? null : new BoltStatusReporter(definition.name(), taskName, statusReports,
                () -> clients.producer(BoltClientConfigs.producer(cluster,
                        BoltClientConfigs.clientId(definition.name(), taskName, "status"))));
        this.purge = input != BoltInput.REPARTITION ? null : new RepartitionPurge(definition.name(),
                () -> clients.changelogAdmin(BoltClientConfigs.admin(cluster,
                        BoltClientConfigs.clientId(definition.name(), taskName, "purge"))), clock.millis());
    }

    /**
     * Takes one tuple of the partition spout.
     *
     * @param partition the source partition's global index ({@link SourcePartitions})
     * @param records   the tuple's records, encoded by {@link RecordBatch}
     */
    public void accept(T tuple, int partition, long from, long to, byte[] records) {
        long now = clock.millis();
        SourcePartitionState<T> state = partitions.computeIfAbsent(partition, this::state);
        if (now < state.stoppedUntil) {
            return; // left to time out: the spout rewinds then, and the partition is tried again
        }
        boolean held = false;
        try {
            if (state.group == null) {
                open(state);
            }
            if (from > state.next && !atMostOnce) {
                gaps++;
                LOG.debug("Stream {}: tuple [{}, {}) of {} starts after offset {}; failed so that the spout rewinds",
                        definition.name(), from, to, state.partition, state.next);
                acknowledger.fail(tuple);
                return;
            }
            List<ConsumerRecord<byte[], byte[]>> fresh = consumerRecords(state.partition, RecordBatch.decode(records),
                    state.next);
            if (!fresh.isEmpty()) {
                state.group.process(state.partition, fresh);
                recordsIn += fresh.size();
            }
            state.next = Math.max(state.next, to);
            state.group.hold(tuple);
            held = true;
            state.group.advanceProcessingTime(now);
            if (state.group.commitDue(now, commitIntervalMs)) {
                commit(state.group);
            }
        } catch (MissingProcessorException | StreamProcessingException e) {
            problems.warn("engine", "Stream '" + definition.name() + "': " + state.partition + " stops for "
                    + STOPPED_MS / 1000 + " s: " + e.getMessage(), e);
            abort(state.group);
            state.stoppedUntil = now + STOPPED_MS;
            state.stoppedBy = e.getMessage();
        } catch (RuntimeException e) {
            problems.warn("kafka", "Stream '" + definition.name() + "': " + state.partition
                    + " starts again from its last commit after: " + e, e);
            abort(state.group);
            if (!held) {
                // A held tuple was failed with its group's.
                acknowledger.fail(tuple);
            }
        }
    }

    /** Publishes what the clock makes due and commits the groups whose interval has passed; on Storm's ticks. */
    public void tick() {
        long now = clock.millis();
        if (routing && now >= nextIdleOpen) {
            nextIdleOpen = now + IDLE_OPEN_INTERVAL_MS;
            openUnseen();
        }
        for (CommitGroup<T> group : groups()) {
            try {
                group.advanceProcessingTime(now);
                if (group.commitDue(now, commitIntervalMs)) {
                    commit(group);
                }
            } catch (RuntimeException e) {
                problems.warn("kafka", "Stream '" + definition.name() + "': a commit failed; its partitions start "
                        + "again from their last commit: " + e, e);
                abort(group);
            }
        }
        if (status != null && status.due(now)) {
            try {
                report(now);
            } catch (RuntimeException e) {
                problems.warn("status", "Stream '" + definition.name() + "': bolt task " + taskIndex
                        + " could not report its status: " + e, e);
            }
        }
    }

    /** Reports a task per source partition taken (running, or stopped by a record it could not take) and the counters. */
    private void report(long now) {
        List<TaskStatus> tasks = new ArrayList<>();
        List<StreamMetricsTally.Reported> reported = new ArrayList<>();
        LatencyHistogram latency = new LatencyHistogram();
        long commits = 0;
        Map<TopicPartition, Long> lag = lag();
        for (CommitGroup<T> group : groups()) {
            commits += group.commits();
            latency.merge(group.latency());
            for (TaskReport report : group.reports(partition -> lag.containsKey(partition)
                    ? OptionalLong.of(lag.get(partition)) : OptionalLong.empty())) {
                tasks.add(report.status(status.node()));
                reported.add(new StreamMetricsTally.Reported(report, group.commits()));
            }
        }
        for (SourcePartitionState<T> state : partitions.values()) {
            if (state.group == null && now < state.stoppedUntil) {
                String id = state.partition.topic() + "-" + state.partition.partition();
                tasks.add(new TaskStatus(status.node(), id, List.of(id), StreamState.FAILED, state.stoppedBy));
            }
        }
        // Routed records were counted as input when the routing stage read them from the source.
        String repartitionTopic = layout == null ? null : layout.repartitionTopic();
        status.report(tasks, tally.tally(definition.name(), status.node(), reported,
                partition -> !partition.topic().equals(repartitionTopic), commits, latency, now), now);
    }

    /** Commits what every group processed (acknowledging its tuples), then closes the clients. */
    @Override
    public void close() {
        for (CommitGroup<T> group : groups()) {
            try {
                commit(group);
                group.close();
            } catch (RuntimeException e) {
                LOG.warn("Stream '{}': the last commit of a closing bolt task failed; the spout replays it", definition.name(), e);
                abort(group);
            }
        }
        partitions.clear();
        if (status != null) {
            status.close();
        }
        if (purge != null) {
            purge.close();
        }
        if (offsets != null) {
            Consumer<byte[], byte[]> consumer = offsets;
            Closing.quietly(() -> consumer.close(Closing.TIMEOUT), definition.name(), "offsets consumer");
            offsets = null;
        }
    }

    /** Records processed (not counting those skipped as processed before). */
    public long recordsIn() {
        return recordsIn;
    }

    /** Tuples failed because tuples before them were lost. */
    public long gaps() {
        return gaps;
    }

    /** The source partitions this task has taken tuples of, by global index, and whether each is open. */
    public Map<Integer, Boolean> partitions() {
        Map<Integer, Boolean> open = new LinkedHashMap<>();
        partitions.forEach((index, state) -> open.put(index, state.group != null));
        return open;
    }

    private SourcePartitionState<T> state(int index) {
        int topicCount = topics.size();
        String topic = topics.get(SourcePartitions.topicPosition(index, topicCount));
        return new SourcePartitionState<>(new TopicPartition(topic, SourcePartitions.partition(index, topicCount)));
    }

    private void open(SourcePartitionState<T> state) {
        // Under exactly-once the partition's own producer comes first: its initTransactions fences whoever ran
        // the partition before (this task, before a failed commit, included) and completes or aborts their last
        // transaction, which may still commit after its producer gave up waiting (a commit that timed out while
        // the broker was away). Only then is the committed offset final; read before, it could miss that commit
        // and the records it covered would be processed and committed twice.
        CommitGroup<T> group = exactlyOnce ? newGroup(state.partition) : shared();
        OffsetAndMetadata committed;
        try {
            if (exactlyOnce) {
                group.abortLeftovers(BoltClientConfigs.transactionalId(definition.name(), state.partition.topic(),
                        state.partition.partition()), writtenPartitions(state.partition));
            }
            committed = offsets().committed(Set.of(state.partition), CALL_TIMEOUT).get(state.partition);
            if (committed == null) {
                // The spout commits a partition's start before emitting it: someone deleted the group meanwhile.
                throw new IllegalStateException("group has no committed offset for " + state.partition);
            }
            group.open(state.partition, committed.offset());
        } catch (RuntimeException e) {
            if (group != shared) {
                // A partition's own group is referenced nowhere else: its producer would be left open.
                group.close();
            }
            throw e;
        }
        state.group = group;
        state.next = committed.offset();
        LOG.info("Stream '{}': bolt task {} runs {} from offset {}", definition.name(), taskName, state.partition,
                committed.offset());
    }

    private CommitGroup<T> shared() {
        if (shared == null) {
            shared = newGroup(null);
        }
        return shared;
    }

    /** A group with its producer: the transactional one of {@code partition} under exactly-once. */
    private CommitGroup<T> newGroup(TopicPartition partition) {
        String name = definition.name();
        Producer<byte[], byte[]> producer;
        if (exactlyOnce) {
            String role = "p-" + partition.topic() + "-" + partition.partition();
            producer = clients.producer(BoltClientConfigs.transactionalProducer(cluster,
                    BoltClientConfigs.clientId(name, taskName, role),
                    BoltClientConfigs.transactionalId(name, partition.topic(), partition.partition()),
                    transactionTimeout.toMillis()));
            try {
                // Fences the producer of whoever ran this partition before, and aborts its open transaction.
                producer.initTransactions();
            } catch (RuntimeException e) {
                Closing.quietly(() -> producer.close(Closing.TIMEOUT), name, "producer");
                throw e;
            }
        } else {
            producer = clients.producer(BoltClientConfigs.producer(cluster,
                    BoltClientConfigs.clientId(name, taskName, "producer")));
        }
        String restoreId = BoltClientConfigs.clientId(name, taskName, "restore");
        String adminId = BoltClientConfigs.clientId(name, taskName, "admin");
        return new CommitGroup<>(definition, layout(), processors, producer, offsets(),
                () -> clients.consumer(BoltClientConfigs.restoreConsumer(cluster, restoreId)),
                () -> clients.changelogAdmin(BoltClientConfigs.admin(cluster, adminId)), transactionTimeout, clock);
    }

    private void commit(CommitGroup<T> group) {
        for (T tuple : group.commit()) {
            acknowledger.ack(tuple);
        }
        if (purge != null) {
            purge.committed(group.committedPositions(), clock.millis());
        }
    }

    /** Gives up a group's work since its last commit: its tuples fail, its partitions open again on their next tuple. */
    private void abort(CommitGroup<T> group) {
        if (group == null) {
            return;
        }
        for (T tuple : group.abort()) {
            acknowledger.fail(tuple);
        }
        for (SourcePartitionState<T> state : partitions.values()) {
            if (state.group == group) {
                state.group = null;
                state.next = -1;
            }
        }
        if (group == shared) {
            shared = null;
        }
    }

    private List<CommitGroup<T>> groups() {
        Map<CommitGroup<T>, Boolean> distinct = new IdentityHashMap<>();
        List<CommitGroup<T>> groups = new ArrayList<>();
        for (SourcePartitionState<T> state : partitions.values()) {
            if (state.group != null && distinct.put(state.group, Boolean.TRUE) == null) {
                groups.add(state.group);
            }
        }
        return groups;
    }

    /**
     * How far each open partition's next offset is behind its end (the last stable offset, under
     * read_committed); none when Kafka does not answer, which the next report tries again.
     */
    private Map<TopicPartition, Long> lag() {
        Map<TopicPartition, Long> next = new HashMap<>();
        partitions.values().stream().filter(state -> state.group != null).forEach(state -> next.put(state.partition, state.next));
        if (next.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> lag = new HashMap<>();
        try {
            offsets().endOffsets(next.keySet(), CALL_TIMEOUT).forEach((partition, end) ->
                    lag.put(partition, Math.max(0, end - next.get(partition))));
        } catch (RuntimeException e) {
            LOG.debug("Stream '{}': end offsets unknown for the lag: {}", definition.name(), e.toString());
        }
        return lag;
    }

    private Consumer<byte[], byte[]> offsets() {
        if (offsets == null) {
            offsets = clients.consumer(BoltClientConfigs.offsetsConsumer(cluster, definition.name(),
                    BoltClientConfigs.clientId(definition.name(), taskName, "offsets")));
        }
        return offsets;
    }

    /**
     * The stream's source partitions and its repartition topic's, as the engine's tasks need to know
     * them; found once, when the first partition opens (a windowing task also waits for source
     * partitions added later, once it hears of them).
     *
     * @throws IllegalStateException when a topic of a stream that repartitions is missing: its windowing
     *                               stage would not know every source partition to wait for
     */
    private StreamLayout layout() {
        if (layout == null) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String topic : definition.source().topics()) {
                counts.put(topic, partitionCount(topic));
            }
            if (!Repartitioning.required(definition)) {
                layout = StreamLayout.direct(counts);
                return layout;
            }
            counts.forEach((topic, count) -> {
                if (count == 0) {
                    throw new IllegalStateException("source topic " + topic + " of stream '" + definition.name()
                            + "' is not found");
                }
            });
            String repartitionTopic = StreamResources.repartitionTopic(definition.name());
            int repartitionPartitions = partitionCount(repartitionTopic);
            if (repartitionPartitions == 0) {
                throw new IllegalStateException("repartition topic " + repartitionTopic + " is not found; the "
                        + "platform creates it when the stream starts");
            }
            layout = StreamLayout.of(definition, counts, repartitionPartitions);
        }
        return layout;
    }

    private int partitionCount(String topic) {
        List<PartitionInfo> found = offsets().partitionsFor(topic, CALL_TIMEOUT);
        return found == null ? 0 : found.size();
    }

    /**
     * The partitions the task of {@code partition} may write to: every partition of the sink, late-record
     * and dead-letter topics (a key goes to the partition it hashes to), of the repartition topic for a
     * routing task, and its changelog partition when it keeps window state.
     */
    private List<TopicPartition> writtenPartitions(TopicPartition partition) {
        List<String> topics = new ArrayList<>();
        topics.add(definition.sink().topic());
        if (definition.lateRecords() != null) {
            topics.add(definition.lateRecords().topic());
        }
        if (definition.deadLetter() != null) {
            topics.add(definition.deadLetter().topic());
        }
        StreamLayout known = layout();
        if (routing) {
            topics.add(known.repartitionTopic());
        }
        List<TopicPartition> written = new ArrayList<>();
        for (String topic : topics) {
            for (int p = 0; p < partitionCount(topic); p++) {
                written.add(new TopicPartition(topic, p));
            }
        }
        boolean windowed = definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
        if (known.keepsState(partition, windowed)) {
            written.add(new TopicPartition(StreamResources.changelogTopic(definition.name()), partition.partition()));
        }
        return written;
    }

    /**
     * Opens the source partitions the grouping would send this routing task and no tuple opened yet, so
     * that their tasks report them to the windowing stage (idle, after {@code idleTimeout}). One the
     * spout has not started yet (no committed offset) waits for the next look.
     */
    private void openUnseen() {
        StreamLayout known;
        try {
            known = layout();
        } catch (RuntimeException e) {
            problems.warn("layout", "Stream '" + definition.name() + "': bolt task " + taskName
                    + " cannot tell its source partitions yet: " + e.getMessage(), null);
            return;
        }
        int position = 0;
        for (Map.Entry<String, Integer> topic : known.sourcePartitions().entrySet()) {
            for (int p = 0; p < topic.getValue(); p++) {
                int index = SourcePartitions.index(position, p, topics.size());
                if (index % taskCount != taskIndex) {
                    continue;
                }
                SourcePartitionState<T> state = partitions.computeIfAbsent(index, this::state);
                if (state.group != null || clock.millis() < state.stoppedUntil) {
                    continue;
                }
                try {
                    if (offsets().committed(Set.of(state.partition), CALL_TIMEOUT).get(state.partition) != null) {
                        open(state);
                    }
                } catch (RuntimeException e) {
                    problems.warn("kafka", "Stream '" + definition.name() + "': " + state.partition
                            + " could not open before its first tuple: " + e, e);
                    abort(state.group);
                }
            }
            position++;
        }
    }

    /** Records from {@code next} on, as the engine's tasks take them. */
    private static List<ConsumerRecord<byte[], byte[]>> consumerRecords(TopicPartition partition,
            List<BatchRecord> records, long next) {
        List<ConsumerRecord<byte[], byte[]>> fresh = new ArrayList<>(records.size());
        for (BatchRecord record : records) {
            if (record.offset() < next) {
                continue;
            }
            RecordHeaders headers = new RecordHeaders();
            for (BatchRecord.Header header : record.headers()) {
                headers.add(header.key(), header.value());
            }
            fresh.add(new ConsumerRecord<>(partition.topic(), partition.partition(), record.offset(),
                    record.timestamp(), TimestampType.CREATE_TIME,
                    record.key() == null ? -1 : record.key().length, record.value() == null ? -1 : record.value().length,
                    record.key(), record.value(), headers, Optional.empty()));
        }
        return fresh;
    }

    /** Where one source partition stands in this bolt task. */
    private static final class SourcePartitionState<T> {

        final TopicPartition partition;
        /** The next offset to process; meaningful while open. */
        long next = -1;
        /** Until when a record the engine could not take stops the partition. */
        long stoppedUntil;
        /** Why it stopped. */
        String stoppedBy;
        /** The group the partition commits with; null while not open. */
        CommitGroup<T> group;

        SourcePartitionState(TopicPartition partition) {
            this.partition = partition;
        }
    }
}
