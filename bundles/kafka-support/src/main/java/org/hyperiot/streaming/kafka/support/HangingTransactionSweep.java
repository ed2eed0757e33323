package org.hyperiot.streaming.kafka.support;

import java.util.ArrayList;
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
    /** The committed transactions without a marker already reported. */
    private final Set<HangingTransactions.Sighting> reported = new HashSet<>();

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
        Map<TopicPartition, List<ProducerState>> hanging = new HashMap<>();
        suspects.forEach((partition, producers) -> {
            for (ProducerState producer : producers) {
                TransactionDescription coordinator = tracked.get(producer.producerId());
                switch (judge.judge(partition, producer, Optional.ofNullable(coordinator))) {
                    case HANGING -> hanging.computeIfAbsent(partition, p -> new ArrayList<>()).add(producer);
                    case COMMITTED_WITHOUT_MARKER -> reportCommittedWithoutMarker(partition, producer, coordinator);
                    case RUNNING -> {
                        // It ends by itself.
                    }
                }
            }
        });
        if (hanging.isEmpty()) {
            return open;
        }
        // The partitions were described before the coordinators were asked: a marker written in between
        // ended the transaction there, and an abort now could only race it. Abort what is still open as seen.
        Map<TopicPartition, List<ProducerState>> stillOpen = requests.openTransactions(hanging.keySet());
        hanging.forEach((partition, producers) -> {
            for (ProducerState producer : producers) {
                if (!sameTransactionIn(stillOpen.get(partition), producer)) {
                    continue;
                }
                LOG.warn("{}: aborting the transaction of producer {} (epoch {}) open on {} since offset {}: its coordinator "
                        + "no longer tracks it over this partition ({}), so it would never end", owner,
                        producer.producerId(), producer.producerEpoch(), partition,
                        producer.currentTransactionStartOffset().getAsLong(), describe(tracked.get(producer.producerId())));
                requests.abort(partition, producer);
                open.computeIfPresent(partition, (p, still) -> {
                    List<ProducerState> left = still.stream().filter(s -> s != producer).toList();
                    return left.isEmpty() ? null : left;
                });
            }
        });
        return open;
    }

    private void reportCommittedWithoutMarker(TopicPartition partition, ProducerState producer,
            TransactionDescription coordinator) {
        if (reported.add(HangingTransactions.Sighting.of(partition, producer))) {
            LOG.error("{}: the transaction of producer {} (epoch {}) is open on {} since offset {}, but its coordinator "
                    + "committed it ({}): the partition never got its commit marker. It is left open, since aborting it "
                    + "would drop records whose input is committed; read_committed readers of {} wait until an operator "
                    + "ends it (kafka-transactions.sh abort loses those records)", owner, producer.producerId(),
                    producer.producerEpoch(), partition, producer.currentTransactionStartOffset().getAsLong(),
                    describe(coordinator), partition);
        }
    }

    private static boolean sameTransactionIn(List<ProducerState> open, ProducerState seen) {
        return open != null && open.stream().anyMatch(now -> now.producerId() == seen.producerId()
                && now.producerEpoch() == seen.producerEpoch()
                && now.currentTransactionStartOffset().equals(seen.currentTransactionStartOffset()));
    }

    private static String describe(TransactionDescription coordinator) {
        return coordinator == null ? "it knows no transaction of the producer"
                : "it has " + coordinator.state() + " at epoch " + coordinator.producerEpoch() + " over "
                        + coordinator.topicPartitions();
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
