package org.hyperiot.streaming.storm.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.RepartitionPurge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit groups of an engine bolt task and their producers: one group shared by every source
 * partition, or under exactly-once a group per source partition with the partition's own transactional
 * producer. It opens a partition in its group, commits a group (acknowledging its tuples), aborts one
 * (failing them; its partitions open again on their next tuple) and closes them all.
 *
 * <p>Not thread-safe: a bolt's methods all run on its executor's thread.
 *
 * @param <T> the bolt's tuples
 */
final class CommitGroups<T> implements AutoCloseable {

    // Logs as the bolt task it is part of: the name a worker's log shows and its logging configuration sets.
    private static final Logger LOG = LoggerFactory.getLogger(EngineBoltTasks.class);

    private final StreamDefinition definition;
    private final ProcessorRegistry processors;
    private final BoltClients clients;
    private final Map<String, Object> cluster;
    private final String taskName;
    private final Duration transactionTimeout;
    private final StreamKafkaMetadata metadata;
    private final Collection<SourcePartitionState<T>> partitions;
    /** Deletes routed records the windowing stage committed; null for the other bolts. */
    private final RepartitionPurge purge;
    private final EngineBoltTasks.Acknowledger<T> acknowledger;
    private final Clock clock;
    private final boolean exactlyOnce;
    /** The group of every partition, but under exactly-once, where each has its own; null until needed. */
    private CommitGroup<T> shared;

    /**
     * @param cluster    the Kafka client settings of the cluster ({@link KafkaClientSettings})
     * @param partitions the bolt task's source partitions, a live view: a group's partitions are those whose
     *                   state names it
     * @param purge      told of every commit; {@code null} for a bolt that does not run the windowing stage
     */
    CommitGroups(StreamDefinition definition, ProcessorRegistry processors, BoltClients clients,
            Map<String, Object> cluster, String taskName, Duration transactionTimeout, StreamKafkaMetadata metadata,
            Collection<SourcePartitionState<T>> partitions, RepartitionPurge purge,
            EngineBoltTasks.Acknowledger<T> acknowledger, Clock clock) {
        this.definition = definition;
        this.processors = processors;
        this.clients = clients;
        this.cluster = cluster;
        this.taskName = taskName;
        this.transactionTimeout = transactionTimeout;
        this.metadata = metadata;
        this.partitions = partitions;
        this.purge = purge;
        this.acknowledger = acknowledger;
        this.clock = clock;
        this.exactlyOnce = definition.guarantee() == Guarantee.EXACTLY_ONCE;
    }

    /**
     * Opens the partition of {@code state} in its group, from the stream group's committed offset, its state
     * restored from the changelog.
     *
     * @throws RuntimeException when it cannot open; {@code state} is then left as it was
     */
    void open(SourcePartitionState<T> state) {
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
                        state.partition.partition()), metadata.writtenPartitions(state.partition));
            }
            committed = metadata.committed(state.partition);
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
        return new CommitGroup<>(definition, metadata.layout(), processors, producer, metadata.offsetsConsumer(),
                () -> clients.consumer(BoltClientConfigs.restoreConsumer(cluster, restoreId)),
                () -> clients.changelogAdmin(BoltClientConfigs.admin(cluster, adminId)), transactionTimeout, clock);
    }

    /** Commits what {@code group} processed and acknowledges the tuples the commit covers. */
    void commit(CommitGroup<T> group) {
        for (T tuple : group.commit()) {
            acknowledger.ack(tuple);
        }
        if (purge != null) {
            purge.committed(group.committedPositions(), clock.millis());
        }
    }

    /** Gives up a group's work since its last commit: its tuples fail, its partitions open again on their next tuple. */
    void abort(CommitGroup<T> group) {
        if (group == null) {
            return;
        }
        for (T tuple : group.abort()) {
            acknowledger.fail(tuple);
        }
        for (SourcePartitionState<T> state : partitions) {
            if (state.group == group) {
                state.group = null;
                state.next = -1;
            }
        }
        if (group == shared) {
            shared = null;
        }
    }

    /** The groups of the open partitions, each once, in the order of their first partition. */
    List<CommitGroup<T>> list() {
        Map<CommitGroup<T>, Boolean> distinct = new IdentityHashMap<>();
        List<CommitGroup<T>> groups = new ArrayList<>();
        for (SourcePartitionState<T> state : partitions) {
            if (state.group != null && distinct.put(state.group, Boolean.TRUE) == null) {
                groups.add(state.group);
            }
        }
        return groups;
    }

    /** Commits what every group processed (acknowledging its tuples) and closes it. */
    @Override
    public void close() {
        for (CommitGroup<T> group : list()) {
            try {
                commit(group);
                group.close();
            } catch (RuntimeException e) {
                LOG.warn("Stream '{}': the last commit of a closing bolt task failed; the spout replays it", definition.name(), e);
                abort(group);
            }
        }
    }
}
