package org.hyperiot.streaming.storm.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.runtime.kafka.AssignedTasks;
import org.hyperiot.streaming.runtime.kafka.ChangelogAdmin;
import org.hyperiot.streaming.runtime.kafka.ChangelogRestorer;
import org.hyperiot.streaming.runtime.kafka.Closing;
import org.hyperiot.streaming.runtime.kafka.DeliveryProtocol;
import org.hyperiot.streaming.runtime.kafka.LatencyHistogram;
import org.hyperiot.streaming.runtime.kafka.LeftoverTransactions;
import org.hyperiot.streaming.runtime.kafka.OutputNotAcknowledgedException;
import org.hyperiot.streaming.runtime.kafka.RecordCollector;
import org.hyperiot.streaming.runtime.kafka.StreamLayout;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.hyperiot.streaming.runtime.kafka.TaskReport;
import org.hyperiot.streaming.runtime.kafka.WorkerMetrics;
import org.hyperiot.streaming.runtime.kafka.WorkerStoppedException;

/**
 * Source partitions of an engine bolt task that commit together, and what they commit through: their
 * engine tasks ({@link AssignedTasks}, as in a {@code kafka} engine worker), the guarantee's
 * {@link DeliveryProtocol}, a producer and, for a stream with windows, the changelog restorer. Under
 * exactly-once a group holds one source partition and its producer is that partition's own
 * transactional producer ({@link BoltClientConfigs#transactionalId}); otherwise one group holds every
 * source partition of the bolt task.
 *
 * <p>The tuples a group processed are held until a commit covers them and acknowledged only then: the
 * spout rewinds a partition to its last acknowledged position, which so never passes the committed
 * offset. A group that fails is {@link #abort aborted} whole; its partitions open again in a new group,
 * from the committed offsets and the changelog, when their next tuples come.
 *
 * @param <T> the bolt's tuples
 */
final class CommitGroup<T> implements AutoCloseable {

    private final StreamDefinition definition;
    private final Producer<byte[], byte[]> producer;
    private final DeliveryProtocol protocol;
    private final ChangelogRestorer restorer;
    private final AssignedTasks tasks;
    private final WorkerMetrics metrics;
    private final Clock clock;
    private final boolean exactlyOnce;
    private final boolean atMostOnce;
    private final boolean microBatch;
    private final Supplier<ChangelogAdmin> admins;
    private final List<T> held = new ArrayList<>();
    private long lastCommit;

    /**
     * @param producer          this group's producer, closed with it (transactions initialised already)
     * @param offsets           the bolt task's consumer of the stream group's offsets, which at-most-once and
     *                          at-least-once commit through; not closed here
     * @param restoreConsumers  creates the changelog restore consumer on first need
     * @param admins            creates the restorer's admin client on first need
     */
    CommitGroup(StreamDefinition definition, StreamLayout layout, ProcessorRegistry processors,
            Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> offsets,
            Supplier<Consumer<byte[], byte[]>> restoreConsumers, Supplier<ChangelogAdmin> admins,
            Duration transactionTimeout, Clock clock) {
        this.definition = definition;
        this.producer = producer;
        this.admins = admins;
        this.clock = clock;
        this.exactlyOnce = definition.guarantee() == Guarantee.EXACTLY_ONCE;
        this.atMostOnce = definition.guarantee() == Guarantee.AT_MOST_ONCE;
        this.microBatch = definition.mode() == ProcessingMode.MICRO_BATCH;
        RecordCollector collector = new RecordCollector(producer);
        String name = definition.name();
        // The bolt does not join the group (Storm places the tasks): exactly-once offsets go in with the group's
        // id alone, and the transactional id per source partition is what fences a task Storm has replaced.
        this.protocol = DeliveryProtocol.of(definition.guarantee(), name, collector, offsets,
                () -> new ConsumerGroupMetadata(StreamResources.groupId(name)));
        boolean stateful = definition.pipeline().stream().anyMatch(WindowOperator.class::isInstance);
        this.restorer = !stateful ? null : new ChangelogRestorer(name, StreamResources.changelogTopic(name),
                restoreConsumers, admins, transactionTimeout, exactlyOnce ? null : this::writeClaim, () -> false);
        this.metrics = new WorkerMetrics();
        this.tasks = new AssignedTasks(definition, layout, processors, protocol, restorer, metrics, clock);
        this.lastCommit = clock.millis();
    }

    /**
     * Under exactly-once, right after this group's producer initialised its transactions and before it
     * writes: aborts what its transactional id left open on {@code partitions} ({@link LeftoverTransactions}).
     *
     * @throws RuntimeException when Kafka does not answer; the partition is then not to open
     */
    void abortLeftovers(String transactionalId, Collection<TopicPartition> partitions) {
        try (ChangelogAdmin admin = admins.get()) {
            LeftoverTransactions.abort(admin, definition.name(), transactionalId, partitions);
        }
    }

    /** Opens the task of {@code partition}, its state restored, to go on from {@code committedOffset}. */
    void open(TopicPartition partition, long committedOffset) {
        tasks.open(List.of(partition), p -> committedOffset, List.of());
    }

    /** Processes records of {@code partition}, in their order, as one micro-batch in that mode. */
    void process(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> records) {
        if (microBatch) {
            tasks.processBatch(Map.of(partition, records));
        } else {
            tasks.process(partition, records);
        }
    }

    /** Keeps {@code tuple} until a commit covers what it brought. */
    void hold(T tuple) {
        held.add(tuple);
    }

    /** Lets the tasks publish what the clock makes due (processing-time windows, idle partitions). */
    void advanceProcessingTime(long now) {
        tasks.advanceProcessingTime(now);
    }

    /** Whether {@code interval} ms passed since the last commit. */
    boolean commitDue(long now, long interval) {
        return now - lastCommit >= interval;
    }

    /**
     * Makes what the tasks processed durable as the guarantee requires and returns the tuples it covers,
     * to acknowledge. Always complete: an at-least-once stream's changelog and offsets move together.
     *
     * @throws RuntimeException when the commit failed; then {@link #abort} the group
     */
    List<T> commit() {
        Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog = tasks.drainChangelog();
        if (tasks.hasProgress() || !changelog.isEmpty() || protocol.hasPendingOutputs()) {
            // Exactly-once transactions and at-most-once state writes carry every partition's offset.
            Map<TopicPartition, OffsetAndMetadata> offsets = tasks.offsets(exactlyOnce || atMostOnce && tasks.stateful());
            DeliveryProtocol.Outcome outcome = protocol.commit(offsets, changelog, true);
            if (outcome != DeliveryProtocol.Outcome.COMMITTED) {
                // A group this bolt does not belong to refused or postponed the offsets: its members are
                // the kafka engine's, still running the stream (an engine switch not finished).
                throw new OutputNotAcknowledgedException("stream '" + definition.name() + "': the group "
                        + StreamResources.groupId(definition.name()) + " did not take the offsets (" + outcome
                        + "); is the stream still running on the kafka engine?", null);
            }
            tasks.committed();
            metrics.committed(clock.millis());
        }
        lastCommit = clock.millis();
        List<T> covered = List.copyOf(held);
        held.clear();
        return covered;
    }

    /** Gives up everything since the last commit and closes the group; returns the tuples to fail. */
    List<T> abort() {
        protocol.abort();
        List<T> uncovered = List.copyOf(held);
        held.clear();
        close();
        return uncovered;
    }

    /** Where each partition stood at the last commit: what a rewind of the spout goes back to at most. */
    Map<TopicPartition, Long> committedPositions() {
        return tasks.committedPositions();
    }

    /** Commits made so far. */
    long commits() {
        return metrics.commits();
    }

    /** The tasks' counters, with the lag {@code lag} gives. */
    List<TaskReport> reports(Function<TopicPartition, OptionalLong> lag) {
        return tasks.reports(StreamState.RUNNING, null, lag);
    }

    /** End-to-end latency of the records committed so far. */
    LatencyHistogram latency() {
        return metrics.latency();
    }

    @Override
    public void close() {
        tasks.closeAll();
        if (restorer != null) {
            restorer.close();
        }
        Closing.quietly(() -> producer.close(Closing.TIMEOUT), definition.name(), "producer");
    }

    /** Writes a task's claim of its changelog partition and waits for it: the restore must see it. */
    private void writeClaim(ProducerRecord<byte[], byte[]> claim) {
        try {
            producer.send(claim).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkerStoppedException("interrupted while claiming " + claim.topic() + "-" + claim.partition());
        } catch (ExecutionException e) {
            throw new OutputNotAcknowledgedException("stream '" + definition.name() + "': the claim of "
                    + claim.topic() + "-" + claim.partition() + " was not acknowledged", e.getCause());
        }
    }
}
