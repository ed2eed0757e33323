package org.hyperiot.streaming.saga.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.kafka.support.StableRead;

/**
 * The state a worker keeps for each partition it owns in its consumer group, restored from the same
 * partition of a companion topic when the group assigns the partition and dropped when the group takes
 * it away: the coordinator's sagas from the saga log, a participant instance's handled commands from
 * their record. It is the consumer's rebalance listener, so it runs on the worker's thread, inside a
 * poll, when no transaction is open.
 *
 * <p>On assignment the committed positions are fetched first: that waits for the previous owner's last
 * transaction to settle, so the companion partition read next holds everything that transaction wrote,
 * or nothing of it. The read goes to the partition's last stable offset, with a reader of its own.
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

    private final Consumer<?, ?> consumer;
    private final String companionTopic;
    private final Supplier<Consumer<String, byte[]>> readers;
    private final Duration timeout;
    private final Restorer<S> restorer;
    private final Map<Integer, S> states = new HashMap<>();

    /**
     * @param consumer       the group consumer this listens for
     * @param companionTopic the topic whose partition p restores the state of partition p
     * @param readers        makes the group-less reader of each restore; closed after it
     * @param timeout        how long a restore may wait for positions and for the stable end
     */
    public OwnedPartitions(Consumer<?, ?> consumer, String companionTopic, Supplier<Consumer<String, byte[]>> readers,
            Duration timeout, Restorer<S> restorer) {
        this.consumer = consumer;
        this.companionTopic = companionTopic;
        this.readers = readers;
        this.timeout = timeout;
        this.restorer = restorer;
    }

    /** The state of each owned partition, by partition number; read-only, for the worker's thread. */
    public Map<Integer, S> states() {
        return Collections.unmodifiableMap(states);
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
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
        assigned.forEach(partition -> consumer.position(partition, timeout));
        Map<Integer, S> restored = new HashMap<>();
        List<TopicPartition> companions = new ArrayList<>();
        for (TopicPartition partition : assigned) {
            restored.put(partition.partition(), restorer.empty(partition.partition()));
            companions.add(new TopicPartition(companionTopic, partition.partition()));
        }
        long started = System.nanoTime();
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
        states.putAll(restored);
        restorer.restored(Collections.unmodifiableMap(restored), read[0], Duration.ofNanos(System.nanoTime() - started));
        restorer.owned(Set.copyOf(states.keySet()));
    }
}
