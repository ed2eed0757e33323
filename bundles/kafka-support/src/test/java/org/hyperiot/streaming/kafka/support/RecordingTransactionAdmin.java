package org.hyperiot.streaming.kafka.support;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * A {@link TransactionAdmin} answering from maps a test fills and recording the aborts (an aborted
 * transaction is no longer open); a failure set in {@link #failure} is thrown by every request.
 */
final class RecordingTransactionAdmin implements TransactionAdmin {

    final Map<TopicPartition, List<ProducerState>> open = new HashMap<>();
    final Map<Long, TransactionDescription> coordinators = new HashMap<>();
    final List<String> aborts = new ArrayList<>();
    RuntimeException failure;
    /** Runs when the coordinators are asked, before they answer: what changes meanwhile. */
    Runnable onCoordinatorView = () -> { };
    int described;

    static ProducerState openSince(long producerId, int epoch, long startOffset) {
        return new ProducerState(producerId, epoch, 3, 0L, OptionalInt.of(0), OptionalLong.of(startOffset));
    }

    /** The coordinator runs the producer's transaction, at that epoch, over {@code partitions}. */
    void running(long producerId, int epoch, TopicPartition... partitions) {
        coordinators.put(producerId, new TransactionDescription(1, TransactionState.ONGOING, producerId, epoch, 10_000,
                OptionalLong.of(0), Set.of(partitions)));
    }

    @Override
    public Map<TopicPartition, List<ProducerState>> openTransactions(Collection<TopicPartition> partitions) {
        described++;
        failIfSet();
        Map<TopicPartition, List<ProducerState>> found = new HashMap<>();
        partitions.forEach(partition -> {
            if (open.containsKey(partition)) {
                found.put(partition, List.copyOf(open.get(partition)));
            }
        });
        return found;
    }

    @Override
    public Map<Long, TransactionDescription> coordinatorView(Set<Long> producerIds) {
        failIfSet();
        onCoordinatorView.run();
        Map<Long, TransactionDescription> known = new HashMap<>(coordinators);
        known.keySet().retainAll(producerIds);
        return known;
    }

    @Override
    public void abort(TopicPartition partition, ProducerState producer) {
        failIfSet();
        aborts.add(partition + " " + producer.producerId() + "/" + producer.producerEpoch());
        open.computeIfPresent(partition, (p, producers) -> {
            List<ProducerState> left = producers.stream().filter(s -> s.producerId() != producer.producerId()).toList();
            return left.isEmpty() ? null : left;
        });
    }

    private void failIfSet() {
        if (failure != null) {
            throw failure;
        }
    }
}
