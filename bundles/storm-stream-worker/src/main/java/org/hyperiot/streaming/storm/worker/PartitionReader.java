package org.hyperiot.streaming.storm.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a partition spout task does, without Storm: it reads its share of a stream's source partitions
 * with a consumer of its own and cuts each partition's records into tuples ({@link PartitionTuple}). It
 * reads and rewinds; the engine bolt commits the offsets, the spout only where a partition starts.
 *
 * <ul>
 *   <li><b>Share.</b> Task {@code i} of {@code k} reads every source partition whose global index
 *       ({@link SourcePartitions}) {@code g} has {@code g % k == i}, with {@code assign()}: the group only
 *       stores offsets, Storm places the tasks. Partitions added to a source topic, and topics created after
 *       the spout started, are found within {@value #DISCOVERY_INTERVAL_MS} ms.</li>
 *   <li><b>Start.</b> A partition starts at the group's committed offset. A partition without one starts
 *       where the consumer's {@code auto.offset.reset} puts it, and that offset is committed to the group
 *       ({@code commitSync}) before the partition is read, under every guarantee: the engine bolt knows
 *       where a partition starts from its committed offset, and without one a new bolt task could not
 *       tell a lost tuple from the start; under {@code latest}, a restart also starts where the first
 *       run did, not at a later end. A partition is not read before its start is known (and, if it had
 *       none, committed); what fails is tried again every {@value #START_RETRY_MS} ms.</li>
 *   <li><b>Order.</b> The tuples of a partition cover its positions one after the other, each at most
 *       {@link SpoutSettings#recordsPerTuple()} records of one poll. A failed tuple rewinds the whole
 *       partition ({@link PartitionProgress}): the records after the last acknowledged position come again,
 *       in their order, in the next epoch; what was read and not emitted yet is dropped.</li>
 *   <li><b>Guarantees.</b> The spout reads and rewinds; the engine bolt commits the offsets under every
 *       guarantee, with the same delivery protocols as the {@code kafka} engine: at-most-once before it
 *       sends the outputs, at-least-once once its outputs and changelog writes are acknowledged,
 *       exactly-once inside its transactions. A stateful stream's changelog and its offsets must move
 *       together, and only the bolt, which writes the changelog, can move them together. At-most-once
 *       emits without message ids (nothing acknowledges or replays a tuple); at-least-once and
 *       exactly-once emit with message ids ({@link TupleRange}), so that a failed tuple rewinds its
 *       partition. Acknowledgements and failures never commit anything.</li>
 *   <li><b>Pace.</b> A call to {@link #nextTuple()} polls at most once, for at most {@link #POLL_TIMEOUT},
 *       and only when everything polled before is emitted; it emits at most one tuple per partition, so that
 *       {@code topology.max.spout.pending} is overshot by at most the number of partitions read.</li>
 *   <li><b>Failures.</b> Kafka errors are logged (once per {@value #WARNING_INTERVAL_MS} ms per kind) and
 *       the call is tried again later; none is thrown out of this class's methods, which run in Storm
 *       callbacks, where an exception kills the worker.</li>
 * </ul>
 *
 * <p>Not thread-safe: a spout's methods all run on its executor's thread.
 */
public final class PartitionReader {

    /** How long a poll waits for records at most: the same thread delivers the acknowledgements. */
    public static final Duration POLL_TIMEOUT = Duration.ofMillis(5);
    /** How long a metadata lookup, an offset fetch or a commit may hold the executor's thread. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    /** How often the source topics' partitions are looked up again. */
    public static final long DISCOVERY_INTERVAL_MS = 30_000;
    /** How soon partitions whose start offset could not be looked up or committed are tried again. */
    public static final long START_RETRY_MS = 1_000;
    /** At most one warning per kind of problem in this time. */
    public static final long WARNING_INTERVAL_MS = 30_000;

    /** Where the reader's tuples go: the spout's collector. */
    @FunctionalInterface
    public interface Emitter {

        /**
         * Emits one tuple.
         *
         * @param values    its values, as {@link PartitionTuple} orders them
         * @param messageId its message id, or {@code null} for a tuple Storm does not track (at-most-once)
         */
        void emit(List<Object> values, TupleRange messageId);
    }

    private static final Logger LOG = LoggerFactory.getLogger(PartitionReader.class);

    private final SpoutSettings settings;
    private final Consumer<byte[], byte[]> consumer;
    private final int taskIndex;
    private final int taskCount;
    private final Emitter emitter;
    private final LongSupplier clock;
    private final ThrottledLog problems;
    private final String name;

    private final SortedMap<Integer, OwnedPartition> owned = new TreeMap<>();
    private final Map<TopicPartition, OwnedPartition> byTopicPartition = new HashMap<>();
    private final Set<String> missingTopics = new HashSet<>();
    private boolean active = true;
    private long nextDiscovery;
    private long nextStartAttempt;
    /** Tuples cut and not emitted, over all partitions. */
    private int buffered;

    private long tuplesEmitted;
    private long recordsEmitted;
    private long rewinds;
    private long startCommits;

    /**
     * @param settings  what to read and how
     * @param consumer  a consumer configured by {@link SpoutSettings#consumerConfig}, used by this reader only
     *                  and closed by {@link #close()}
     * @param taskIndex this spout task's index among the spout's tasks
     * @param taskCount how many tasks the spout has
     * @param emitter   where the tuples go
     * @param clock     milliseconds from a monotonic clock
     */
    public PartitionReader(SpoutSettings settings, Consumer<byte[], byte[]> consumer, int taskIndex, int taskCount,
                           Emitter emitter, LongSupplier clock) {
        if (taskCount < 1 || taskIndex < 0 || taskIndex >= taskCount) {
            throw new IllegalArgumentException("task " + taskIndex + " of " + taskCount);
        }
        this.settings = settings;
        this.consumer = consumer;
        this.taskIndex = taskIndex;
        this.taskCount = taskCount;
        this.emitter = emitter;
        this.clock = clock;
        this.problems = new ThrottledLog(LOG, WARNING_INTERVAL_MS, clock);
        this.name = "stream " + settings.stream() + ", spout task " + taskIndex + " of " + taskCount;
    }

    /**
     * Looks up the partitions this task reads and where each starts, committing the start of those without
     * a committed offset (what fails is tried again later).
     */
    public void open() {
        long now = clock.getAsLong();
        discover(now);
        startWaiting(now);
    }

    /**
     * Does the next step: looks for new partitions when it is time, starts the ones waiting for their
     * start offset, polls if everything polled before was emitted, and emits at most one tuple per
     * partition. Does nothing while deactivated.
     */
    public void nextTuple() {
        if (!active) {
            return;
        }
        long now = clock.getAsLong();
        if (now >= nextDiscovery) {
            discover(now);
        }
        if (now >= nextStartAttempt) {
            startWaiting(now);
        }
        if (buffered == 0) {
            poll();
        }
        emitBuffered();
    }

    /** Notes a tuple's acknowledgement; one of a tuple forgotten by a rewind changes nothing. */
    public void ack(TupleRange range) {
        OwnedPartition partition = owned.get(range.partition());
        if (partition != null && partition.started()) {
            partition.progress.acknowledged(range);
        }
    }

    /**
     * Notes a tuple's failure: unless it is stale, its partition is rewound to the last acknowledged
     * position, what was read of it and not emitted is dropped, and reading starts again there.
     */
    public void fail(TupleRange range) {
        OwnedPartition partition = owned.get(range.partition());
        if (partition == null || !partition.started() || !partition.progress.failed(range)) {
            return;
        }
        rewinds++;
        buffered -= partition.buffer.size();
        partition.buffer.clear();
        // seek() also discards what the consumer fetched of the partition ahead of this position.
        consumer.seek(partition.topicPartition, partition.progress.position());
        LOG.info("{} rewinds {} to offset {} (epoch {}): tuple [{}, {}) of epoch {} failed", name,
                partition.topicPartition, partition.progress.position(), partition.progress.epoch(),
                range.from(), range.to(), range.epoch());
    }

    /** Resumes emitting. */
    public void activate() {
        active = true;
    }

    /** Stops emitting. */
    public void deactivate() {
        active = false;
    }

    /** Closes the consumer. */
    public void close() {
        active = false;
        try {
            consumer.close(CloseOptions.timeout(CALL_TIMEOUT));
        } catch (KafkaException e) {
            LOG.warn("{} could not close its consumer cleanly", name, e);
        }
    }

    /** The source partitions this task reads, by global index, including those whose start is not known yet. */
    public SortedMap<Integer, TopicPartition> partitions() {
        SortedMap<Integer, TopicPartition> partitions = new TreeMap<>();
        owned.forEach((index, partition) -> partitions.put(index, partition.topicPartition));
        return Collections.unmodifiableSortedMap(partitions);
    }

    /** Tuples emitted since the reader was created, re-emissions after rewinds included. */
    public long tuplesEmitted() {
        return tuplesEmitted;
    }

    /** Records emitted since the reader was created, re-emissions after rewinds included. */
    public long recordsEmitted() {
        return recordsEmitted;
    }

    /** Partitions rewound after a failed tuple. */
    public long rewinds() {
        return rewinds;
    }

    /**
     * Start offsets committed to the stream's group: one for each partition that started without a committed
     * offset. The spout commits nothing else.
     */
    public long startCommits() {
        return startCommits;
    }

    private void discover(long now) {
        nextDiscovery = now + DISCOVERY_INTERVAL_MS;
        List<String> topics = settings.topics();
        List<OwnedPartition> found = new ArrayList<>();
        for (int position = 0; position < topics.size(); position++) {
            String topic = topics.get(position);
            List<PartitionInfo> partitions;
            try {
                partitions = consumer.partitionsFor(topic, CALL_TIMEOUT);
            } catch (KafkaException e) {
                problems.warn("discovery", name + " could not look up the partitions of topic " + topic
                        + "; it looks again in " + DISCOVERY_INTERVAL_MS / 1000 + " s", e);
                continue;
            }
            if (partitions == null || partitions.isEmpty()) {
                if (missingTopics.add(topic)) {
                    LOG.warn("{}: source topic {} does not exist; it looks for it again every {} s", name, topic,
                            DISCOVERY_INTERVAL_MS / 1000);
                }
                continue;
            }
            missingTopics.remove(topic);
            for (PartitionInfo info : partitions) {
                int index = SourcePartitions.index(position, info.partition(), topics.size());
                if (index % taskCount == taskIndex && !owned.containsKey(index)) {
                    found.add(new OwnedPartition(index, new TopicPartition(topic, info.partition())));
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<TopicPartition> added = new ArrayList<>();
        for (OwnedPartition partition : found) {
            owned.put(partition.index, partition);
            byTopicPartition.put(partition.topicPartition, partition);
            added.add(partition.topicPartition);
        }
        // assign() keeps the positions of the partitions assigned before; the new ones stay paused
        // until their start offset is known, so that no poll reads them from anywhere else.
        consumer.assign(new LinkedHashSet<>(byTopicPartition.keySet()));
        consumer.pause(added);
        LOG.info("{} reads {} more source partition(s): {}", name, added.size(), added);
        nextStartAttempt = now;
    }

    private void startWaiting(long now) {
        nextStartAttempt = now + START_RETRY_MS;
        List<OwnedPartition> waiting = owned.values().stream().filter(partition -> !partition.started()).toList();
        if (waiting.isEmpty()) {
            return;
        }
        Set<TopicPartition> topicPartitions = new HashSet<>();
        waiting.forEach(partition -> topicPartitions.add(partition.topicPartition));
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            // Under read_committed this waits for offsets a transaction is still committing (the bolt's,
            // under exactly-once), so that a restart never starts before them.
            committed = consumer.committed(topicPartitions, CALL_TIMEOUT);
        } catch (KafkaException e) {
            problems.warn("start", name + " could not fetch the committed offsets of " + topicPartitions
                    + " in group " + settings.groupId() + "; it tries again in " + START_RETRY_MS + " ms", e);
            return;
        }
        List<OwnedPartition> started = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> startsToCommit = new HashMap<>();
        for (OwnedPartition partition : waiting) {
            OffsetAndMetadata offset = committed == null ? null : committed.get(partition.topicPartition);
            try {
                if (offset != null) {
                    consumer.seek(partition.topicPartition, offset.offset());
                    partition.start(offset.offset());
                    started.add(partition);
                } else {
                    startsToCommit.put(partition.topicPartition,
                            new OffsetAndMetadata(consumer.position(partition.topicPartition, CALL_TIMEOUT)));
                }
            } catch (KafkaException e) {
                problems.warn("start", name + " could not find where " + partition.topicPartition + " starts ("
                        + settings.startFrom() + "); it tries again in " + START_RETRY_MS + " ms", e);
            }
        }
        if (!startsToCommit.isEmpty() && commitStarts(startsToCommit)) {
            for (OwnedPartition partition : waiting) {
                OffsetAndMetadata start = startsToCommit.get(partition.topicPartition);
                if (start != null) {
                    partition.start(start.offset());
                    started.add(partition);
                }
            }
        }
        for (OwnedPartition partition : started) {
            LOG.info("{} reads {} (source partition {}) from offset {}, {}", name, partition.topicPartition,
                    partition.index, partition.progress.position(),
                    startsToCommit.containsKey(partition.topicPartition)
                            ? "its " + settings.startFrom() + " offset, now committed in group " + settings.groupId()
                            : "committed in group " + settings.groupId());
        }
        if (!started.isEmpty()) {
            consumer.resume(started.stream().map(partition -> partition.topicPartition).toList());
        }
    }

    /**
     * Commits where partitions without a committed offset start, so that the engine bolt finds their start
     * in the group; until it succeeds they stay paused and waiting.
     */
    private boolean commitStarts(Map<TopicPartition, OffsetAndMetadata> starts) {
        try {
            consumer.commitSync(starts, CALL_TIMEOUT);
        } catch (KafkaException e) {
            problems.warn("start commit", name + " could not commit the start offsets " + starts + " to group "
                    + settings.groupId() + "; the partitions wait, and it tries again in " + START_RETRY_MS + " ms", e);
            return false;
        }
        startCommits += starts.size();
        return true;
    }

    private void poll() {
        if (owned.values().stream().noneMatch(OwnedPartition::started)) {
            return;
        }
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (KafkaException e) {
            problems.warn("poll", name + " could not poll its source partitions; it polls again", e);
            return;
        }
        for (TopicPartition topicPartition : records.partitions()) {
            OwnedPartition partition = byTopicPartition.get(topicPartition);
            if (partition != null && partition.started()) {
                cut(partition, records.records(topicPartition));
            }
        }
    }

    private void cut(OwnedPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        long next = partition.bufferedUpTo();
        int size = settings.recordsPerTuple();
        List<ConsumerRecord<byte[], byte[]>> tuple = new ArrayList<>(Math.min(size, records.size()));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            if (record.offset() < next) {
                // Only a consumer reset below the position (a truncated or recreated topic) gives these;
                // emitting them would break the partition's order.
                problems.warn("order", name + " skips record " + record.offset() + " of " + partition.topicPartition
                        + ", which is before position " + next, null);
                continue;
            }
            tuple.add(record);
            next = record.offset() + 1;
            if (tuple.size() == size) {
                partition.buffer(tuple);
                buffered++;
                tuple = new ArrayList<>(size);
            }
        }
        if (!tuple.isEmpty()) {
            partition.buffer(tuple);
            buffered++;
        }
    }

    private void emitBuffered() {
        if (buffered == 0) {
            return;
        }
        for (OwnedPartition partition : owned.values()) {
            PendingTuple tuple = partition.buffer.poll();
            if (tuple == null) {
                continue;
            }
            buffered--;
            TupleRange range = partition.progress.emitted(tuple.to());
            List<Object> values = PartitionTuple.values(range.partition(), range.epoch(), range.from(), range.to(),
                    tuple.records());
            if (settings.acknowledged()) {
                emitter.emit(values, range);
            } else {
                // Nothing will acknowledge an untracked tuple: counting it as acknowledged keeps the
                // partition's bookkeeping from growing.
                partition.progress.acknowledged(range);
                emitter.emit(values, null);
            }
            tuplesEmitted++;
            recordsEmitted += tuple.recordCount();
        }
    }

    /** One source partition this task reads. */
    private static final class OwnedPartition {

        final int index;
        final TopicPartition topicPartition;
        /** {@code null} until the start offset is known (and committed, if the group had none). */
        PartitionProgress progress;
        /** Tuples cut from polled records and not emitted yet, in their order. */
        final ArrayDeque<PendingTuple> buffer = new ArrayDeque<>();

        OwnedPartition(int index, TopicPartition topicPartition) {
            this.index = index;
            this.topicPartition = topicPartition;
        }

        boolean started() {
            return progress != null;
        }

        void start(long offset) {
            progress = new PartitionProgress(index, offset);
        }

        /** Where the next tuple cut from polled records starts. */
        long bufferedUpTo() {
            PendingTuple last = buffer.peekLast();
            return last != null ? last.to() : progress.position();
        }

        void buffer(List<ConsumerRecord<byte[], byte[]>> records) {
            long to = records.get(records.size() - 1).offset() + 1;
            buffer.add(new PendingTuple(to, records.size(), RecordBatch.encodeConsumed(records)));
        }
    }

    /** A tuple cut from polled records. */
    private record PendingTuple(long to, int recordCount, byte[] records) {
    }
}
