package org.hyperiot.streaming.kafka.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Tells, on a partition, a transaction that will never end from one that is still running, the way
 * Kafka's {@code kafka-transactions.sh find-hanging} does.
 *
 * <p>A running transaction ends within its producer's transaction timeout: it commits, or its
 * coordinator aborts it and writes the abort marker to every partition the transaction touched. A
 * broker restart can leave a transaction open on a partition for good: its coordinator completed the
 * transaction without this partition among those it wrote markers to (seen in the kill matrix). Every
 * {@code read_committed} reader of that partition then stops at the transaction's first record: a
 * restore from it would silently miss what was written after it, and its readers see nothing new.
 *
 * <p>A transaction counts as hanging only when both hold: it has been seen open on the partition, from
 * the same start offset, for longer than the patience; and its coordinator does not track it as an
 * open transaction over this partition. Age alone is not enough: a producer with a long transaction
 * timeout may keep one open legitimately, and markers being written must not be raced. One its
 * coordinator says it committed is not hanging either, though it will not end: see
 * {@link Verdict#COMMITTED_WITHOUT_MARKER}.
 *
 * <p>This class only judges: the caller describes the partitions' producers and asks the coordinators
 * (Kafka's {@code Admin.describeProducers}, {@code listTransactions} and {@code describeTransactions}),
 * and aborts what is found hanging ({@code Admin.abortTransaction}). It remembers sightings between
 * calls, so one instance serves one caller's partitions; it is not thread-safe.
 */
public final class HangingTransactions {

    private static final Set<TransactionState> ENDING = Set.of(TransactionState.PREPARE_COMMIT,
            TransactionState.PREPARE_ABORT, TransactionState.PREPARE_EPOCH_FENCE);

    private final long patienceMillis;
    /** When each open transaction was first seen, by partition, producer and start offset. */
    private final Map<Sighting, Long> firstSeen = new HashMap<>();

    /** @param patienceMillis how long a transaction must be seen open before its coordinator is asked */
    public HangingTransactions(long patienceMillis) {
        this.patienceMillis = patienceMillis;
    }

    /**
     * Notes the transactions open on the partitions described now and returns those open for longer
     * than the patience: the ones to ask their coordinator about. Transactions no longer open on a
     * described partition are forgotten; sightings on partitions not described this time are kept.
     *
     * @param open      the producers with a transaction open, by partition, as the partitions' leaders
     *                  describe them; producers without an open transaction are ignored
     * @param described every partition described this time, including those with nothing open
     * @param nowMillis the time of the description, on a clock that stays the same across calls
     * @return the suspects by partition; a new map, empty if none
     */
    public Map<TopicPartition, List<ProducerState>> suspects(Map<TopicPartition, List<ProducerState>> open,
            Set<TopicPartition> described, long nowMillis) {
        Set<Sighting> current = new HashSet<>();
        Map<TopicPartition, List<ProducerState>> suspects = new HashMap<>();
        open.forEach((partition, producers) -> {
            for (ProducerState producer : producers) {
                if (producer.currentTransactionStartOffset().isEmpty()) {
                    continue;
                }
                Sighting sighting = Sighting.of(partition, producer);
                current.add(sighting);
                long since = firstSeen.computeIfAbsent(sighting, s -> nowMillis);
                if (nowMillis - since > patienceMillis) {
                    suspects.computeIfAbsent(partition, p -> new ArrayList<>()).add(producer);
                }
            }
        });
        firstSeen.keySet().removeIf(sighting -> described.contains(sighting.partition()) && !current.contains(sighting));
        return suspects;
    }

    /** What a suspect's coordinator says of it. */
    public enum Verdict {
        /** Running, or its markers are being written: it will end by itself. */
        RUNNING,
        /** Its coordinator no longer tracks it over this partition: it will never end, and may be aborted. */
        HANGING,
        /**
         * Its coordinator committed it but this partition never got the commit marker. Aborting it would
         * drop outputs whose input offsets were committed with it: it must be left for an operator.
         */
        COMMITTED_WITHOUT_MARKER
    }

    /**
     * Judges a suspect against its coordinator: running if the coordinator runs it over {@code partition}
     * or is writing its markers; committed without a marker if the coordinator completed exactly this
     * transaction with a commit; hanging otherwise (no transaction known for the producer, or one that
     * ended as an abort, moved to another epoch or does not span {@code partition}).
     *
     * <p>Under transactions v2 the coordinator bumps the producer epoch when a transaction ends, so a
     * completed commit one epoch above the partition's open transaction is that transaction's. A
     * completed commit further on is a later transaction's, and under v1 the epoch stays, so one at the
     * same epoch may be a later transaction's too: the outcome of the open one is no longer known, and it
     * is judged hanging, as {@code kafka-transactions.sh find-hanging} would (a weakness: it may have
     * committed).
     *
     * @param partition   where the transaction is open
     * @param producer    the producer as the partition's leader describes it
     * @param coordinator the coordinator's description of that producer's transaction, if it knows one
     */
    public Verdict judge(TopicPartition partition, ProducerState producer, Optional<TransactionDescription> coordinator) {
        if (producer.currentTransactionStartOffset().isEmpty()) {
            return Verdict.RUNNING;
        }
        if (coordinator.isEmpty() || coordinator.get().producerId() != producer.producerId()) {
            return Verdict.HANGING;
        }
        TransactionDescription transaction = coordinator.get();
        if (ENDING.contains(transaction.state())) {
            // Markers are being written (with a bumped epoch under transactions v2): wait for them.
            return Verdict.RUNNING;
        }
        if (transaction.state() == TransactionState.COMPLETE_COMMIT
                && transaction.producerEpoch() == producer.producerEpoch() + 1) {
            return Verdict.COMMITTED_WITHOUT_MARKER;
        }
        boolean running = transaction.state() == TransactionState.ONGOING
                && transaction.producerEpoch() == producer.producerEpoch()
                && transaction.topicPartitions().contains(partition);
        return running ? Verdict.RUNNING : Verdict.HANGING;
    }

    /** One transaction open on one partition: its producer and the offset it started at there. */
    record Sighting(TopicPartition partition, long producerId, long startOffset) {
        /** The transaction {@code producer} has open on {@code partition}; it must have one. */
        static Sighting of(TopicPartition partition, ProducerState producer) {
            return new Sighting(partition, producer.producerId(), producer.currentTransactionStartOffset().getAsLong());
        }
    }
}
