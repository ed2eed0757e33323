package org.hyperiot.streaming.saga.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.TimeoutException;
import org.hyperiot.streaming.kafka.support.CommittedPositions;
import org.hyperiot.streaming.kafka.support.HangingTransactionSweep;
import org.hyperiot.streaming.kafka.support.StableRead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state a worker keeps for each partition it owns in its consumer group, restored from the same
 * partition of a companion topic when the group assigns the partition and dropped when the group takes
 * it away: the coordinator's sagas from the saga log, a participant instance's handled commands from
 * their record. It is the consumer's rebalance listener, so it runs on the worker's thread, inside a
 * poll, when no transaction is open.
 *
 * <p>On assignment the committed positions are fetched first: that waits for the previous owner's last
 * transaction to settle. Then the restore waits until no transaction is open on the companion
 * partitions either (the previous owner's last one may still be getting its markers there), so the
 * partitions read next hold everything that transaction wrote, or nothing of it. The read goes to the
 * partitions' last stable offset, with a reader of its own. A transaction left hanging by a broker
 * restart would hold either wait, or the read's end, for good: the watch's sweep aborts those, in the
 * group's partition of {@code __consumer_offsets} and on the companion partitions
 * ({@link HangingTransactionWatch}).
 *
 * @param <S> the state of one partition
 */
public final class OwnedPartitions<S> implements ConsumerRebalanceListener {

    /** How the state of one partition is made and restored, and who hears of the change. */
    public interface Restorer<S> {

        /** The state of a partition before anything was read. */
        S empty(int partition);

        /** Applies one record of the companion topic (never one without a key) to its partition's state. */
        void restore(S state, ConsumerRecord<String, byte[]> record);

        /** The partitions just assigned were restored: {@code records} read in {@code took}. */
        default void restored(Map<Integer, S> states, int records, Duration took) {
        }

        /** The partitions owned now, after an assignment or a revocation. */
        default void owned(Set<Integer> partitions) {
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(OwnedPartitions.class);
    /** How long one request for a committed position waits before the offsets partition is looked at. */
    private static final Duration POSITION_STEP = Duration.ofSeconds(2);
    private static final long WAIT_STEP_MS = 500;

    private final String owner;
    private final Consumer<?, ?> consumer;
    private final String groupId;
    private final HangingTransactionSweep sweep;
    private final String companionTopic;
    private final Supplier<Consumer<String, byte[]>> readers;
    private final Duration timeout;
    private final Restorer<S> restorer;
    private final Map<Integer, S> states = new HashMap<>();
    /** The partitions the group gave this worker, for the periodic sweep of what it reads. */
    private final Set<TopicPartition> assignment = new HashSet<>();
    private boolean deniedReported;

    /**
     * @param owner          who owns the partitions, for the log ({@code "Saga coordinator"})
     * @param consumer       the group consumer this listens for
     * @param groupId        the consumer's group
     * @param sweep          aborts the transactions hanging where a restore waits
     * @param companionTopic the topic whose partition p restores the state of partition p
     * @param readers        makes the group-less reader of each restore; closed after it
     * @param timeout        how long a restore may wait for positions, for open transactions and for the stable end
     */
    public OwnedPartitions(String owner, Consumer<?, ?> consumer, String groupId, HangingTransactionSweep sweep,
            String companionTopic, Supplier<Consumer<String, byte[]>> readers, Duration timeout, Restorer<S> restorer) {
        this.owner = owner;
        this.consumer = consumer;
        this.groupId = groupId;
        this.sweep = sweep;
        this.companionTopic = companionTopic;
        this.readers = readers;
        this.timeout = timeout;
        this.restorer = restorer;
    }

    /** The state of each owned partition, by partition number; read-only, for the worker's thread. */
    public Map<Integer, S> states() {
        return Collections.unmodifiableMap(states);
    }

    /** The partitions the group gave this worker; read-only, for the worker's thread. */
    public Set<TopicPartition> assignment() {
        return Collections.unmodifiableSet(assignment);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        assignment.removeAll(revoked);
        revoked.forEach(partition -> states.remove(partition.partition()));
        restorer.owned(Set.copyOf(states.keySet()));
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        onPartitionsRevoked(lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        CommittedPositions positions = new CommittedPositions(owner, consumer, groupId, sweep, () -> {
        }, POSITION_STEP, timeout, System::currentTimeMillis);
        assigned.forEach(positions::position);
        Map<Integer, S> restored = new HashMap<>();
        List<TopicPartition> companions = new ArrayList<>();
        for (TopicPartition partition : assigned) {
            restored.put(partition.partition(), restorer.empty(partition.partition()));
            companions.add(new TopicPartition(companionTopic, partition.partition()));
        }
        long started = System.nanoTime();
        awaitNoOpenTransactions(companions, started + timeout.toNanos());
        int[] read = {0};
        try (Consumer<String, byte[]> reader = readers.get()) {
            StableRead.toStableEnd(reader, companions, timeout, record -> {
                S state = restored.get(record.partition());
                if (state != null && record.key() != null) {
                    read[0]++;
                    restorer.restore(state, record);
                }
            });
        }
        assignment.addAll(assigned);
        states.putAll(restored);
        restorer.restored(Collections.unmodifiableMap(restored), read[0], Duration.ofNanos(System.nanoTime() - started));
        restorer.owned(Set.copyOf(states.keySet()));
    }

    /**
     * Returns once no transaction is open on the companion partitions, aborting hanging ones. A principal
     * not allowed to look (or to abort) restores at once, as before the sweep existed; the log says so once.
     *
     * @throws TimeoutException if transactions are still open at {@code deadline} ({@link System#nanoTime})
     */
    private void awaitNoOpenTransactions(List<TopicPartition> companions, long deadline) {
        boolean reported = false;
        while (true) {
            Set<TopicPartition> open;
            try {
                open = sweep.sweep(companions).keySet();
            } catch (RuntimeException e) {
                if (HangingTransactionSweep.deniedAccess(e)) {
                    if (!deniedReported) {
                        deniedReported = true;
                        LOG.warn("{}: {} may not be checked for open transactions by this principal ({}); restoring "
                                + "without waiting for them", owner, companionTopic, e.getMessage());
                    }
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("{}: could not check {} for open transactions: {}", owner, companions, e.getMessage());
                open = Set.copyOf(companions);
            }
            if (open.isEmpty()) {
                return;
            }
            if (!reported) {
                LOG.info("{}: transactions are open on {}; restoring once they end", owner, open);
                reported = true;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("transactions still open on " + open + " after " + timeout.toMillis() + " ms");
            }
            try {
                Thread.sleep(WAIT_STEP_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            }
        }
    }
}
