package org.hyperiot.streaming.runtime.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.Guarantee;

/**
 * The order in which a worker sends outputs, writes state and commits input offsets: the one thing
 * that differs between the three guarantees (SPEC §5). One instance per worker attempt, used from the
 * worker thread only.
 */
public interface DeliveryProtocol {

    /** What {@link #commit} did with the offsets. */
    enum Outcome {
        /** Everything given to the commit is durable as the guarantee requires. */
        COMMITTED,
        /**
         * The group is rebalancing and refused the offsets; nothing is lost: the worker keeps its
         * progress and commits it with the next commit or the revocation.
         */
        POSTPONED,
        /**
         * The group refused the offsets because its generation moved on while the transaction was open
         * (a rebalance this member takes part in): the transaction was aborted, so everything processed
         * since the last commit is undone and must be processed again from there.
         */
        REFUSED,
        /**
         * Handed over without waiting (at-least-once between revocations): the offsets go to the group
         * once Kafka has acknowledged every write made before them; {@link #settle} reports when.
         */
        IN_FLIGHT
    }

    /**
     * Takes an output of the task of {@code source}: the sink, late or dead-letter record it produced.
     *
     * @throws TaskMigratedException if this worker's producer was fenced
     */
    void emit(TopicPartition source, ProducerRecord<byte[], byte[]> output);

    /**
     * Makes the outputs emitted so far, the changelog writes and the offsets durable together, in the
     * order the guarantee requires.
     *
     * @param offsets   the next offset to read, for each source partition to commit; under
     *                  exactly-once every partition the worker owns, so that the transaction is fenced
     *                  against the group's current generation even when no record came in
     * @param changelog the state changes since the last commit, by the source partition whose task made them
     * @param complete  true when nothing may stay in flight: the commit returns only once it is done (see
     *                  the stream runtime's {@code WorkerAttempt} for when)
     * @throws OutputNotAcknowledgedException if Kafka refused a write the guarantee depends on
     * @throws TaskMigratedException          if the group moved on or the producer was fenced
     */
    Outcome commit(Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog, boolean complete);

    /**
     * Moves commits left {@link Outcome#IN_FLIGHT} along; called by the worker on every turn of its poll
     * loop, busy or idle, so that the last offsets are committed even when no record follows them.
     *
     * @return the offsets the group has confirmed since the last call, by partition; empty for a
     *         protocol that commits at once
     * @throws OutputNotAcknowledgedException if Kafka refused a write made before offsets in flight
     */
    default Map<TopicPartition, Long> settle() {
        return Map.of();
    }

    /**
     * True when a commit has work left even without new progress: a transaction is open, at-most-once
     * outputs are held, or at-least-once writes or offsets are not yet acknowledged.
     */
    boolean hasPendingOutputs();

    /**
     * The tasks of {@code partitions} are closing and their progress since the last commit will not be
     * committed by this worker: whatever they emitted and is not yet sent is dropped.
     */
    void discard(Collection<TopicPartition> partitions);

    /** Gives up everything since the last commit (the attempt ends with an error); never throws. */
    void abort();

    /**
     * The protocol of {@code guarantee}.
     *
     * @param offsets       the consumer whose group at-most-once and at-least-once commit the offsets to
     * @param groupMetadata the group metadata exactly-once sends the offsets with, which fences a member
     *                      the group has moved on from
     */
    static DeliveryProtocol of(Guarantee guarantee, String stream, RecordCollector collector,
            Consumer<byte[], byte[]> offsets, Supplier<ConsumerGroupMetadata> groupMetadata) {
        return switch (guarantee) {
            case AT_MOST_ONCE -> new AtMostOnceProtocol(stream, collector, offsets);
            case AT_LEAST_ONCE -> new AtLeastOnceProtocol(stream, collector, offsets);
            case EXACTLY_ONCE -> new ExactlyOnceProtocol(stream, collector, groupMetadata);
        };
    }
}
