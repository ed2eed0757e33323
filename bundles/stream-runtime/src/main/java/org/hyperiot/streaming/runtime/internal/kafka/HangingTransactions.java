package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;

/**
 * Tells, on one partition, a transaction that will never end from one that is still running.
 *
 * <p>A running transaction ends within the producer's transaction timeout: it commits, or the
 * coordinator aborts it. But a broker restart can leave a transaction open on a partition for good:
 * its coordinator ends the transaction and writes the markers to the partitions it knows of, and this
 * one was not among them (seen in the kill matrix: the abort marker reached the outputs, not the
 * changelog). Every {@code read_committed} reader of that partition then stops at the transaction's
 * first record, so a restore would silently miss all state written after it. A transaction seen
 * open, from the same start offset, for longer than the patience given here is such a one.
 */
final class HangingTransactions {

    private final long patienceMillis;
    /** When each producer's open transaction was first seen, by producer id and start offset. */
    private final Map<Sighting, Long> firstSeen = new HashMap<>();

    /** @param patience how long a transaction may stay open before it counts as hanging */
    HangingTransactions(Duration patience) {
        this.patienceMillis = patience.toMillis();
    }

    /**
     * Notes the producers that now have a transaction open on the partition, forgets those that no
     * longer do, and returns those whose transaction has been open longer than the patience.
     *
     * @param producers the partition's active producers, as Kafka describes them
     * @param nowMillis the time of the description
     */
    List<ProducerState> hanging(List<ProducerState> producers, long nowMillis) {
        Set<Sighting> open = new HashSet<>();
        List<ProducerState> hanging = new ArrayList<>();
        for (ProducerState producer : producers) {
            if (producer.currentTransactionStartOffset().isEmpty()) {
                continue;
            }
            Sighting sighting = new Sighting(producer.producerId(), producer.currentTransactionStartOffset().getAsLong());
            open.add(sighting);
            long since = firstSeen.computeIfAbsent(sighting, s -> nowMillis);
            if (nowMillis - since > patienceMillis) {
                hanging.add(producer);
            }
        }
        firstSeen.keySet().retainAll(open);
        return hanging;
    }

    private record Sighting(long producerId, long startOffset) {
    }
}
