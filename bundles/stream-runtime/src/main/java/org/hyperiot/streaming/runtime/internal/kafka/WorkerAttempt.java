package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.kafka.support.CommittedPositions;
import org.hyperiot.streaming.runtime.kafka.AssignedTasks;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.ChangelogRestorer;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.DeliveryProtocol;
import org.hyperiot.streaming.runtime.kafka.MicroBatchBuffer;
import org.hyperiot.streaming.runtime.kafka.OutputNotAcknowledgedException;
import org.hyperiot.streaming.runtime.kafka.RecordCollector;
import org.hyperiot.streaming.runtime.kafka.RepartitionPurge;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.hyperiot.streaming.runtime.kafka.TaskMigratedException;
import org.hyperiot.streaming.runtime.kafka.WorkerMetrics;
import org.hyperiot.streaming.runtime.kafka.WorkerStoppedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One life of a worker's Kafka clients: from creating them to closing them after a clean stop or an
 * error. It polls, hands the records to the tasks, and commits at the commit interval (native) or
 * when a micro-batch is full or due, through the guarantee's {@link DeliveryProtocol}.
 *
 * <p>Nothing it processed survives it uncommitted: after an error the protocol aborts, the tasks are
 * dropped, and the next attempt starts from the committed offsets with state restored from the
 * changelog. Errors come out typed: {@link TaskMigratedException} when the group moved on,
 * {@link OutputNotAcknowledgedException} when Kafka refused a write, the engine's exceptions for a
 * poison record or a missing processor.
 */
final class WorkerAttempt implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerAttempt.class);
    private static final Duration POLL = Duration.ofMillis(100);
    /** Refused transactions in a row a worker rewinds for; one more ends the attempt. */
    private static final int MAX_REFUSED_IN_A_ROW = 3;
    /**
     * How long an exactly-once worker asks for a committed offset before it looks for a transaction
     * hanging in its group's offsets partition, and how long it asks in all (the consumer's own default).
     */
    private static final Duration POSITION_STEP = Duration.ofSeconds(2);
    private static final Duration POSITION_TIMEOUT = Duration.ofMinutes(1);

    private final StreamDefinition definition;
    private final StreamLayout layout;
    private final Clock clock;
    private final WorkerStatus status;
    private final WorkerMetrics metrics;
    private final BooleanSupplier mustEnd;
    private final boolean microBatch;
    private final boolean exactlyOnce;
    private final boolean atMostOnce;
    private final long commitIntervalMs;
    private final long batchIntervalMs;
    private final Producer<byte[], byte[]> producer;
    private final Consumer<byte[], byte[]> consumer;
    private final DeliveryProtocol protocol;
    private final ChangelogRestorer restorer;
    /** Where the consumer reads a partition just taken: under exactly-once, unsticking an unstable commit. */
    private final ToLongFunction<TopicPartition> positions;
    private final AssignedTasks tasks;
    /** Deletes consumed repartition records; {@code null} for a stream without a repartition. */
    private final RepartitionPurge purge;
    /** Admin clients for this worker, made on demand. */
    private final Supplier<ChangelogAdmin> admins;
    /** This worker's transactional id under exactly-once, the same at each of its attempts. */
    private final String transactionalId;
    private final boolean stateful;
    private final MicroBatchBuffer batch = new MicroBatchBuffer();
    /** Under exactly-once, where the stream writes and the transactions left open there; otherwise null. */
    private final OutputTransactions outputs;
    private long lastCommit;
    /** Transactions the group refused since the last commit that went in. */
    private int refusedInARow;
    /** False once something failed: nothing may be committed any more in this attempt. */
    private boolean healthy = true;
    /** What a rebalance callback ran into, thrown once {@code poll} returns. */
    private RuntimeException callbackFailure;

    /**
     * Creates the clients; closes whatever it created if one of them cannot be created.
     *
     * @param mustEnd true once the worker is asked to stop or to suspend
     */
    WorkerAttempt(StreamDefinition definition, StreamLayout layout, StreamClients clients, ProcessorCatalog catalog,
            WorkerSettings settings, int index, Clock clock, WorkerStatus status, WorkerMetrics metrics,
            BooleanSupplier mustEnd) {
        this.definition = definition;
        this.layout = layout;
        this.clock = clock;
        this.status = status;
        this.metrics = metrics;
        this.mustEnd = mustEnd;
        this.microBatch = definition.mode() == ProcessingMode.MICRO_BATCH;
        this.exactlyOnce = definition.guarantee() == Guarantee.EXACTLY_ONCE;
        this.atMostOnce = definition.guarantee() == Guarantee.AT_MOST_ONCE;
        long bound = exactlyOnce ? settings.maxCommitIntervalMillis() : Long.MAX_VALUE;
        this.commitIntervalMs = Math.min(definition.commitInterval().toMillis(), bound);
        this.batchIntervalMs = microBatch ? Math.min(definition.batch().interval().toMillis(), bound) : 0;
        if (commitIntervalMs < definition.commitInterval().toMillis()
                || (microBatch && batchIntervalMs < definition.batch().interval().toMillis())) {
            LOG.info("Stream {}: commits at least every {} ms, half the transaction timeout, so that the broker "
                    + "never aborts an open transaction", definition.name(), bound);
        }
        this.stateful = definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
        this.admins = () -> clients.changelogAdmin(StreamClientConfigs.admin(definition, settings, index));
        this.transactionalId = StreamResources.transactionalId(definition.name(), settings.nodeId(), index);
        Producer<byte[], byte[]> newProducer = null;
        Consumer<byte[], byte[]> newConsumer = null;
        try {
            newProducer = clients.producer(StreamClientConfigs.producer(definition, settings, index));
            if (exactlyOnce) {
                newProducer.initTransactions();
            }
            newConsumer = clients.consumer(StreamClientConfigs.consumer(definition, settings, index));
        } catch (RuntimeException | Error e) {
            Producer<byte[], byte[]> created = newProducer;
            Closing.quietly(created == null ? null : () -> created.close(Closing.TIMEOUT), definition.name(), "producer");
            throw e;
        }
        this.producer = newProducer;
        this.consumer = newConsumer;
        RecordCollector collector = new RecordCollector(producer);
        this.protocol = DeliveryProtocol.of(definition.guarantee(), definition.name(), collector, consumer,
                consumer::groupMetadata);
        // Exactly-once streams also look for transactions hanging on their outputs, stateful or not.
        this.restorer = !stateful && !exactlyOnce ? null : new ChangelogRestorer(definition.name(),
                StreamResources.changelogTopic(definition.name()),
                () -> clients.consumer(StreamClientConfigs.restoreConsumer(definition, settings, index)), admins,
                settings.transactionTimeout(), exactlyOnce ? null : this::writeClaim, mustEnd);
        this.positions = !exactlyOnce ? consumer::position : new CommittedPositions("Stream " + definition.name(),
                consumer, StreamResources.groupId(definition.name()), restorer.sweep(), this::stopIfAsked, POSITION_STEP,
                POSITION_TIMEOUT, clock::millis)::position;
        this.tasks = new AssignedTasks(definition, layout, catalog, protocol, stateful ? restorer : null, metrics, clock);
        this.purge = !layout.repartitions() ? null : new RepartitionPurge(definition.name(), admins, clock.millis());
        // One worker per node looks for transactions hanging on the outputs; it need not be more.
        this.outputs = !exactlyOnce ? null : new OutputTransactions(definition, layout, consumer::partitionsFor,
                restorer::abortHanging, index == 0, settings.transactionTimeout());
    }

    /** Polls, processes and commits until the worker must end; then commits what it processed. */
    void run() {
        try {
            if (exactlyOnce) {
                outputs.abortLeftovers(admins, transactionalId, stateful);
            }
            consumer.subscribe(layout.subscribedTopics(), new RebalanceListener(this));
            lastCommit = clock.millis();
            while (!mustEnd.getAsBoolean()) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                throwCallbackFailure();
                if (!tasks.isEmpty()) {
                    status.running();
                }
                long now = clock.millis();
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<byte[], byte[]>> polled = records.records(partition);
                    if (microBatch) {
                        batch.add(partition, polled, now);
                    } else {
                        tasks.process(partition, polled);
                    }
                }
                tasks.advanceProcessingTime(now);
                if (commitDue(now)) {
                    commit(false);
                }
                purgeUpTo(protocol.settle(), now);
                if (exactlyOnce) {
                    outputs.checkIfDue(now);
                }
            }
            commit(true);
        } catch (RuntimeException | Error e) {
            healthy = false;
            protocol.abort();
            batch.clear();
            metrics.discardPending();
            throw e;
        }
    }

    private boolean commitDue(long now) {
        if (!microBatch) {
            return now - lastCommit >= commitIntervalMs;
        }
        if (batch.size() == 0) {
            // Outputs the clock made (processing-time windows on quiet input), or a batch whose commit the
            // group postponed: committed after an interval, so no transaction stays open unbounded.
            return (tasks.hasProgress() || protocol.hasPendingOutputs()) && now - lastCommit >= batchIntervalMs;
        }
        return batch.size() >= definition.batch().maxRecords() || now - batch.startedAt() >= batchIntervalMs;
    }

    /** Processes the micro-batch gathered so far, if any, and commits. */
    private void commit(boolean closing) {
        if (microBatch && batch.size() > 0) {
            tasks.processBatch(batch.drain());
        }
        commitProcessed(closing);
    }

    /**
     * Makes everything processed so far durable as the guarantee requires, leaving records gathered
     * for a micro-batch as they are. Also called before partitions are revoked, so that the next owner
     * starts exactly where this worker ended.
     *
     * @param closing whether the worker gives its partitions up or ends (a revocation, a stop): then the
     *                commit must be complete when it returns, so the next owner starts where this one ended
     */
    private void commitProcessed(boolean closing) {
        Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog = tasks.drainChangelog();
        long now = clock.millis();
        if (!tasks.hasProgress() && changelog.isEmpty() && !protocol.hasPendingOutputs()) {
            lastCommit = now;
            publishReports();
            return;
        }
        // Exactly-once transactions and at-most-once state writes are fenced by the group through their
        // offsets, so these commit every partition's offset even without progress.
        Map<TopicPartition, OffsetAndMetadata> offsets = tasks.offsets(exactlyOnce || atMostOnce && tasks.stateful());
        // A stateful at-least-once stream commits completely each time: with its offsets in flight, a crash
        // would leave the changelog ahead of the committed offsets, and the records processed again would
        // count twice in the restored windows (the kill matrix saw windows published again with larger counts).
        DeliveryProtocol.Outcome outcome = protocol.commit(offsets, changelog, closing || tasks.stateful());
        long committedAt = clock.millis();
        lastCommit = committedAt;
        if (outcome == DeliveryProtocol.Outcome.COMMITTED || outcome == DeliveryProtocol.Outcome.IN_FLIGHT) {
            // In flight, the outputs are already visible; only the repartition purge waits for the group.
            tasks.committed();
            metrics.committed(committedAt);
            refusedInARow = 0;
            if (outcome == DeliveryProtocol.Outcome.COMMITTED) {
                purgeUpTo(tasks.committedPositions(), committedAt);
            }
        } else if (outcome == DeliveryProtocol.Outcome.REFUSED) {
            rewind();
        }
        publishReports();
    }

    /**
     * The group refused the last transaction and it was aborted: the tasks start over from the last
     * commit, with their state restored from the changelog and the consumer moved back, within this
     * attempt. Ending the attempt instead would make this member leave and rejoin the group, and that
     * rebalance would refuse the other members' open transactions in turn. A member refused again and
     * again is one the group has dropped: then the attempt ends.
     */
    private void rewind() {
        refusedInARow++;
        if (refusedInARow > MAX_REFUSED_IN_A_ROW) {
            throw new TaskMigratedException("stream '" + definition.name() + "': the group refused " + refusedInARow
                    + " transactions in a row");
        }
        Map<TopicPartition, Long> committed = tasks.committedPositions();
        batch.clear();
        metrics.discardPending();
        tasks.closeAll();
        committed.forEach(consumer::seek);
        tasks.open(committed.keySet(), positions, outputs.partitions());
        LOG.info("Stream {}: the group refused a transaction while rebalancing; {} start over from the last commit",
                definition.name(), committed.keySet());
    }

    /** Deletes the repartition records below offsets the group has taken, when the purge is due. */
    private void purgeUpTo(Map<TopicPartition, Long> committed, long now) {
        if (purge == null || committed.isEmpty()) {
            return;
        }
        Map<TopicPartition, Long> repartition = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (partition.topic().equals(layout.repartitionTopic())) {
                repartition.put(partition, offset);
            }
        });
        if (!repartition.isEmpty()) {
            purge.committed(repartition, now);
        }
    }

    private void publishReports() {
        status.publish(tasks.reports(status.state(), status.lastError(), this::lag));
    }

    private OptionalLong lag(TopicPartition partition) {
        return consumer.currentLag(partition);
    }

    private void throwCallbackFailure() {
        RuntimeException failure = callbackFailure;
        if (failure != null) {
            callbackFailure = null;
            throw failure;
        }
    }

    /** The group takes {@code partitions} away: commit what they processed, then close their tasks. */
    void revoked(Collection<TopicPartition> partitions) {
        try {
            if (healthy && callbackFailure == null) {
                // Only what is processed: records gathered for the next micro-batch are dropped with the
                // tasks (their offsets are not committed, so the next owner reads them again). The callback
                // stays short, and under exactly-once the transaction commits while this member's
                // generation is still the group's.
                commitProcessed(true);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            batch.drop(partitions);
            tasks.close(partitions);
            publishReports();
        }
    }

    /**
     * The group gave {@code partitions} to another member without asking (this one was silent too long):
     * nothing processed since the last commit may be committed. The attempt ends.
     */
    void lost(Collection<TopicPartition> partitions) {
        fail(new TaskMigratedException("partitions " + partitions + " were lost to the group"));
        batch.drop(partitions);
        tasks.close(partitions);
    }

    /** The group gives this worker {@code partitions}: restore and open their tasks. */
    void assigned(Collection<TopicPartition> partitions) {
        if (callbackFailure != null) {
            return;
        }
        try {
            if (tasks.stateful() && healthy && protocol.hasPendingOutputs()) {
                // A restore can take long: commit first, so that this worker's own transaction is not left
                // open meanwhile until the broker aborts it.
                commitProcessed(false);
            }
            startRepartitionFromItsBeginning(partitions);
            tasks.open(partitions, positions, exactlyOnce ? outputs.partitions() : List.of());
            LOG.info("Stream {}: worker took {}", definition.name(), partitions);
            publishReports();
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    /**
     * A repartition partition the group has never committed starts at its beginning, whatever the
     * stream's {@code startFrom}: {@code latest} means the source topics' end, and every record routed
     * since the stream started must reach its window.
     */
    private void startRepartitionFromItsBeginning(Collection<TopicPartition> partitions) {
        if (!layout.repartitions()) {
            return;
        }
        Set<TopicPartition> routed = new HashSet<>();
        for (TopicPartition partition : partitions) {
            if (partition.topic().equals(layout.repartitionTopic())) {
                routed.add(partition);
            }
        }
        if (routed.isEmpty()) {
            return;
        }
        List<TopicPartition> uncommitted = new ArrayList<>();
        consumer.committed(routed).forEach((partition, offset) -> {
            if (offset == null) {
                uncommitted.add(partition);
            }
        });
        if (!uncommitted.isEmpty()) {
            consumer.seekToBeginning(uncommitted);
        }
    }

    /**
     * Writes a task's claim of its changelog partition, outside the guarantee's protocol, and waits for
     * Kafka to acknowledge it: the restore that follows must see it.
     */
    private void writeClaim(ProducerRecord<byte[], byte[]> claim) {
        Future<RecordMetadata> sent = producer.send(claim);
        producer.flush();
        try {
            sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStoppedException("interrupted while claiming " + claim.topic() + "-" + claim.partition());
        } catch (ExecutionException e) {
            throw new OutputNotAcknowledgedException("stream '" + definition.name() + "': the claim of "
                    + claim.topic() + "-" + claim.partition() + " was not acknowledged", e.getCause());
        }
    }

    private void stopIfAsked() {
        if (mustEnd.getAsBoolean()) {
            throw new WorkerStoppedException("stream '" + definition.name() + "': stopped while waiting for a committed offset");
        }
    }

    private void fail(RuntimeException e) {
        healthy = false;
        if (callbackFailure == null) {
            callbackFailure = e;
        }
    }

    /**
     * Closes the clients, each even if another fails to. Leaving the group revokes the partitions: a
     * healthy attempt has committed already, so the revocation only closes the tasks.
     */
    @Override
    public void close() {
        Closing.quietly(() -> consumer.close(Closing.TIMEOUT), definition.name(), "consumer");
        tasks.closeAll();
        if (restorer != null) {
            restorer.close();
        }
        if (purge != null) {
            purge.close();
        }
        Closing.quietly(() -> producer.close(Closing.TIMEOUT), definition.name(), "producer");
        status.publish(List.of());
    }
}
