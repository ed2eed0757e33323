package org.hyperiot.streaming.runtime.kafka;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At-least-once: outputs are sent as they come, and input offsets go to the group only once Kafka
 * has acknowledged ({@code acks=all}) every output and state change made before them. After a
 * refused write no offset is committed any more, so the records are processed again.
 *
 * <p>Between revocations the worker does not wait for that: a commit seals its offsets in
 * {@link UnacknowledgedCommits} and returns, and {@link #settle} commits them asynchronously once
 * their writes are acknowledged. An offset commit that fails is retried unless a later offset of the
 * partition was asked for since, or the partition went away; without the retry a partition whose
 * input stops would keep its last offsets uncommitted. A commit asked to be complete (revocation,
 * stop, a stateful stream) flushes and commits synchronously.
 */
public final class AtLeastOnceProtocol implements DeliveryProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(AtLeastOnceProtocol.class);

    private final String stream;
    private final RecordCollector collector;
    private final Consumer<byte[], byte[]> consumer;
    private final UnacknowledgedCommits unacknowledged = new UnacknowledgedCommits();
    /** The last offset of each partition given to the group, answered or not. */
    private final Map<TopicPartition, OffsetAndMetadata> requested = new HashMap<>();
    /** Partitions whose last requested offset the group did not take: asked again at the next settle. */
    private final Set<TopicPartition> toRetry = new HashSet<>();
    /** Partitions whose last requested offset the group has not confirmed yet. */
    private final Set<TopicPartition> unconfirmed = new HashSet<>();
    /** Offsets the group confirmed since the last {@link #settle}. */
    private final Map<TopicPartition, Long> confirmed = new HashMap<>();

    /** At-least-once for a worker sending through {@code collector} and committing to the group of {@code consumer}. */
    public AtLeastOnceProtocol(String stream, RecordCollector collector, Consumer<byte[], byte[]> consumer) {
        this.stream = stream;
        this.collector = collector;
        this.consumer = consumer;
    }

    @Override
    public void emit(TopicPartition source, ProducerRecord<byte[], byte[]> output) {
        collector.send(output, unacknowledged.track());
    }

    @Override
    public Outcome commit(Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog, boolean complete) {
        changelog.values().forEach(changes -> changes.forEach(change -> collector.send(change, unacknowledged.track())));
        unacknowledged.seal(offsets);
        if (!complete) {
            throwIfAWriteFailed();
            commitAcknowledged();
            return Outcome.IN_FLIGHT;
        }
        collector.flush();
        throwIfAWriteFailed();
        takeDue();
        // Every partition's last offset, not only the new ones: an asynchronous commit still unanswered
        // may yet be refused (a rebalance), and its partition's next owner would process again everything
        // since the offset before it (seen as duplicates in a crash-free benchmark run). Committing again
        // an offset the group has is harmless, and this one reaches the group after the earlier ones.
        Map<TopicPartition, OffsetAndMetadata> last = Map.copyOf(requested);
        if (!GroupCommits.commit(consumer, last)) {
            // The group is rebalancing; the revocation that follows commits these again.
            toRetry.addAll(last.keySet());
            return Outcome.POSTPONED;
        }
        // Callbacks of earlier asynchronous commits ran inside commitSync; what they asked to retry is done.
        toRetry.removeAll(last.keySet());
        unconfirmed.removeAll(last.keySet());
        last.forEach((partition, offset) -> confirmed.merge(partition, offset.offset(), Math::max));
        return Outcome.COMMITTED;
    }

    @Override
    public Map<TopicPartition, Long> settle() {
        throwIfAWriteFailed();
        commitAcknowledged();
        if (confirmed.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, Long> answered = Map.copyOf(confirmed);
        confirmed.clear();
        return answered;
    }

    /** Commits, without waiting, the offsets whose writes were acknowledged and those to ask again. */
    private void commitAcknowledged() {
        Map<TopicPartition, OffsetAndMetadata> due = takeDue();
        if (!due.isEmpty()) {
            // The callback runs on this thread, inside a later poll or commit.
            consumer.commitAsync(due, (offsets, error) -> answered(offsets, error));
        }
    }

    /**
     * The offsets to give the group now: those whose writes were all acknowledged, and the last ones
     * of the partitions to ask again; noted as requested.
     */
    private Map<TopicPartition, OffsetAndMetadata> takeDue() {
        Map<TopicPartition, OffsetAndMetadata> due = unacknowledged.releaseAcknowledged();
        toRetry.forEach(partition -> due.putIfAbsent(partition, requested.get(partition)));
        toRetry.clear();
        requested.putAll(due);
        unconfirmed.addAll(due.keySet());
        return due;
    }

    private void answered(Map<TopicPartition, OffsetAndMetadata> offsets, Exception error) {
        if (error == null) {
            offsets.forEach((partition, offset) -> {
                confirmed.merge(partition, offset.offset(), Math::max);
                if (offset.equals(requested.get(partition))) {
                    unconfirmed.remove(partition);
                }
            });
            return;
        }
        if (error instanceof CommitFailedException || error instanceof FencedInstanceIdException) {
            // The group moved on without this member: its partitions are lost, and their next owner
            // reads from the last offsets that went in.
            LOG.debug("Stream {}: the group refused offsets of a member it moved on from: {}", stream, error.toString());
            return;
        }
        offsets.forEach((partition, offset) -> {
            if (offset.equals(requested.get(partition))) {
                toRetry.add(partition);
            }
        });
        LOG.debug("Stream {}: offsets not committed, asked again: {}", stream, error.toString());
    }

    private void throwIfAWriteFailed() {
        Exception failed = unacknowledged.firstFailure();
        if (failed != null) {
            throw new OutputNotAcknowledgedException("stream '" + stream + "': an output or state change was not "
                    + "acknowledged; the offsets are not committed", failed);
        }
    }

    /**
     * Writes since the last commit, sealed commits whose offsets have not gone to the group yet (their
     * writes unacknowledged, or acknowledged since the last settle), or offsets the group has not
     * confirmed: a revocation must commit them.
     */
    @Override
    public boolean hasPendingOutputs() {
        return unacknowledged.hasUnreleased() || !unconfirmed.isEmpty();
    }

    @Override
    public void discard(Collection<TopicPartition> partitions) {
        // What was sent is sent; the records are read again by the next owner (duplicates allowed). An
        // offset of a partition gone must not be committed later: it could move the new owner's back.
        unacknowledged.forget(partitions);
        for (TopicPartition partition : partitions) {
            requested.remove(partition);
            toRetry.remove(partition);
            unconfirmed.remove(partition);
        }
    }

    @Override
    public void abort() {
        unacknowledged.clear();
        requested.clear();
        toRetry.clear();
        unconfirmed.clear();
        confirmed.clear();
        collector.takeError();
    }
}
