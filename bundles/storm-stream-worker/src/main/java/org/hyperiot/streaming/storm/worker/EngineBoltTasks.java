package org.hyperiot.streaming.storm.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.Repartitioning;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.runtime.kafka.RepartitionPurge;
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
 * <p>This class admits the tuples and drives its parts, one job each: {@link SourcePartitionState}
 * where a partition stands, {@link CommitGroups} the commit groups and their producers,
 * {@link StreamKafkaMetadata} what the task looks up in Kafka, {@link UnseenPartitionOpener} the routing
 * bolt's opening of partitions before their first tuple, and {@link BoltTaskStatus} the status reports.
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
    /** How long a partition stopped by a record the engine cannot take stays stopped before it is tried again. */
    static final long STOPPED_MS = 30_000;

    private final StreamDefinition definition;
    private final int taskIndex;
    private final List<String> topics;
    private final Acknowledger<T> acknowledger;
    private final Clock clock;
    private final boolean atMostOnce;
    private final long commitIntervalMs;
    /** Shared by every part, so that a problem logs once per interval, whichever part meets it. */
    private final ThrottledLog problems;
    private final Map<Integer, SourcePartitionState<T>> partitions = new TreeMap<>();
    private final StreamKafkaMetadata metadata;
    /** Deletes routed records the windowing stage committed; null for the other bolts. */
    private final RepartitionPurge purge;
    private final CommitGroups<T> groups;
    /** Opens a routing bolt's source partitions before their first tuple; null in the other bolts. */
    private final UnseenPartitionOpener<T> unseen;
    /** Null when the task reports its status nowhere. */
    private final BoltTaskStatus<T> status;
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
        Map<String, Object> settings = Map.copyOf(cluster);
        this.taskIndex = taskIndex;
        String taskName = input.taskName(taskIndex);
        // Whether the stream repartitions, and this bolt over the source partitions routes (and so opens idle ones).
        boolean routing = repartitions && input == BoltInput.SOURCE;
        this.acknowledger = acknowledger;
        this.clock = clock;
        boolean exactlyOnce = definition.guarantee() == Guarantee.EXACTLY_ONCE;
        this.atMostOnce = definition.guarantee() == Guarantee.AT_MOST_ONCE;
        long interval = definition.mode() == ProcessingMode.MICRO_BATCH
                ? definition.batch().interval().toMillis() : definition.commitInterval().toMillis();
        // An exactly-once transaction left open for the transaction timeout is aborted by the broker.
        this.commitIntervalMs = exactlyOnce ? Math.min(interval, Math.max(100, transactionTimeout.toMillis() / 2)) : interval;
        this.topics = input.topics(definition);
        this.problems = new ThrottledLog(LOG, STOPPED_MS, clock::millis);
        this.metadata = new StreamKafkaMetadata(definition, clients, settings, taskName, routing);
        BoltStatusReporter reporter = statusReports == null ? null : new BoltStatusReporter(definition.name(), taskName,
                statusReports, () -> clients.producer(BoltClientConfigs.producer(cluster,
                        BoltClientConfigs.clientId(definition.name(), taskName, "status"))));
        this.purge = input != BoltInput.REPARTITION ? null : new RepartitionPurge(definition.name(),
                () -> clients.changelogAdmin(BoltClientConfigs.admin(cluster,
                        BoltClientConfigs.clientId(definition.name(), taskName, "purge"))), clock.millis());
        this.groups = new CommitGroups<>(definition, processors, clients, settings, taskName, transactionTimeout,
                metadata, partitions.values(), purge, acknowledger, clock);
        this.unseen = !routing ? null : new UnseenPartitionOpener<>(definition.name(), taskName, topics.size(),
                taskIndex, taskCount, metadata, groups, index -> partitions.computeIfAbsent(index, this::state),
                problems, clock);
        this.status = reporter == null ? null : new BoltTaskStatus<>(definition.name(), reporter, metadata, groups,
                partitions.values());
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
                groups.open(state);
            }
            if (from > state.next && !atMostOnce) {
                gaps++;
                LOG.debug("Stream {}: tuple [{}, {}) of {} starts after offset {}; failed so that the spout rewinds",
                        definition.name(), from, to, state.partition, state.next);
                acknowledger.fail(tuple);
                return;
            }
            List<ConsumerRecord<byte[], byte[]>> fresh = state.freshRecords(RecordBatch.decode(records));
            if (!fresh.isEmpty()) {
                state.group.process(state.partition, fresh);
                recordsIn += fresh.size();
            }
            state.next = Math.max(state.next, to);
            state.group.hold(tuple);
            held = true;
            state.group.advanceProcessingTime(now);
            if (state.group.commitDue(now, commitIntervalMs)) {
                groups.commit(state.group);
            }
        } catch (MissingProcessorException | StreamProcessingException e) {
            problems.warn("engine", "Stream '" + definition.name() + "': " + state.partition + " stops for "
                    + STOPPED_MS / 1000 + " s: " + e.getMessage(), e);
            groups.abort(state.group);
            state.stoppedUntil = now + STOPPED_MS;
            state.stoppedBy = e.getMessage();
        } catch (RuntimeException e) {
            problems.warn("kafka", "Stream '" + definition.name() + "': " + state.partition
                    + " starts again from its last commit after: " + e, e);
            groups.abort(state.group);
            if (!held) {
                // A held tuple was failed with its group's.
                acknowledger.fail(tuple);
            }
        }
    }

    /** Publishes what the clock makes due and commits the groups whose interval has passed; on Storm's ticks. */
    public void tick() {
        long now = clock.millis();
        if (unseen != null) {
            unseen.tick(now);
        }
        for (CommitGroup<T> group : groups.list()) {
            try {
                group.advanceProcessingTime(now);
                if (group.commitDue(now, commitIntervalMs)) {
                    groups.commit(group);
                }
            } catch (RuntimeException e) {
                problems.warn("kafka", "Stream '" + definition.name() + "': a commit failed; its partitions start "
                        + "again from their last commit: " + e, e);
                groups.abort(group);
            }
        }
        if (status != null && status.due(now)) {
            try {
                status.report(now);
            } catch (RuntimeException e) {
                problems.warn("status", "Stream '" + definition.name() + "': bolt task " + taskIndex
                        + " could not report its status: " + e, e);
            }
        }
    }

    /** Commits what every group processed (acknowledging its tuples), then closes the clients. */
    @Override
    public void close() {
        groups.close();
        partitions.clear();
        if (status != null) {
            status.close();
        }
        if (purge != null) {
            purge.close();
        }
        metadata.close();
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
}
