package org.hyperiot.streaming.kafka.support;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and aborts the transactions hanging on partitions, the way {@code kafka-transactions.sh
 * find-hanging} and {@code abort} would: it describes the partitions' open transactions, lets
 * {@link HangingTransactions} judge those seen open for longer than the patience against what their
 * coordinators say, and aborts the hanging ones. It remembers sightings between calls, so one sweep
 * serves one caller (a stream worker, a saga coordinator) for as long as it runs; not thread-safe.
 *
 * <p>Failures of the admin requests are the caller's: a principal without the rights (describing
 * producers needs {@code Read} on the topic; aborting, {@code ClusterAction}) gets the authorization
 * error, and can only wait for the transaction, or have an operator abort it by hand.
 */
public final class HangingTransactionSweep {

    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactionSweep.class);

    private final String owner;
    private final Supplier<? extends TransactionAdmin> admin;
    private final HangingTransactions judge;
    private final LongSupplier clock;

    /**
     * @param owner     who sweeps, for the log ({@code "Stream s"}, {@code "Saga coordinator"})
     * @param admin     the admin requests, asked for at each sweep (so a client can be made on first need)
     * @param patience  how long a transaction must be seen open before its coordinator is asked about it:
     *                  the longest transaction timeout of the producers writing there
     * @param clock     milliseconds, on a clock that stays the same across calls
     */
    public HangingTransactionSweep(String owner, Supplier<? extends TransactionAdmin> admin, long patience,
            LongSupplier clock) {
        this.owner = owner;
        this.admin = admin;
        this.judge = new HangingTransactions(patience);
        this.clock = clock;
    }

    /**
     * Aborts what hangs on {@code partitions} and returns the transactions still open there, which the
     * caller may wait for: running ones, and those not yet seen for longer than the patience.
     *
     * @return the open transactions by partition, the aborted ones left out; a new map, empty if none
     */
    public Map<TopicPartition, List<ProducerState>> sweep(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return new HashMap<>();
        }
        TransactionAdmin requests = admin.get();
        Map<TopicPartition, List<ProducerState>> open = new HashMap<>(requests.openTransactions(partitions));
        Map<TopicPartition, List<ProducerState>> suspects = judge.suspects(open, Set.copyOf(partitions),
                clock.getAsLong());
        if (suspects.isEmpty()) {
            return open;
        }
        Set<Long> producerIds = new HashSet<>();
        suspects.values().forEach(producers -> producers.forEach(p -> producerIds.add(p.producerId())));
        Map<Long, TransactionDescription> tracked = requests.coordinatorView(producerIds);
        suspects.forEach((partition, producers) -> {
            for (ProducerState producer : producers) {
                if (judge.hanging(partition, producer, Optional.ofNullable(tracked.get(producer.producerId())))) {
                    LOG.warn("{}: aborting the transaction of producer {} open on {} since offset {}: its coordinator "
                            + "no longer tracks it, so it would never end", owner, producer.producerId(), partition,
                            producer.currentTransactionStartOffset().getAsLong());
                    requests.abort(partition, producer);
                    open.computeIfPresent(partition, (p, still) -> {
                        List<ProducerState> left = still.stream().filter(s -> s != producer).toList();
                        return left.isEmpty() ? null : left;
                    });
                }
            }
        });
        return open;
    }

    /**
     * Whether a sweep failed because the principal lacks the rights (an {@link AuthorizationException}
     * anywhere in the causes): asking again will not help.
     */
    public static boolean deniedAccess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }
}
