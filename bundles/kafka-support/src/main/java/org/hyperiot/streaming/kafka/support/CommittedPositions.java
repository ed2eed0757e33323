package org.hyperiot.streaming.kafka.support;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where a consumer whose group commits offsets in transactions reads a partition the group just
 * gave it: the group's committed offset. A {@code read_committed} consumer gets that offset only once it
 * is stable, that is once no transaction committing offsets for the group is open. A transaction left
 * hanging in the group's partition of {@code __consumer_offsets} ({@link GroupOffsetsPartition}) never
 * ends (a broker restart can leave one: the kill matrix saw a stream wait for over four minutes, each
 * attempt timing out after a minute and the next one waiting again).
 *
 * <p>So the position is asked for in short steps, and between them a {@link HangingTransactionSweep}
 * looks at the group's offsets partition and aborts what hangs there. A principal not allowed to look at
 * {@code __consumer_offsets} or to abort only waits, as before; the log then says once how to end such a
 * transaction by hand. After {@code timeout} in all, the consumer's {@link TimeoutException} is thrown.
 * Not thread-safe: one per consumer, on its thread.
 */
public final class CommittedPositions {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedPositions.class);

    private final String owner;
    private final Consumer<?, ?> consumer;
    private final String groupId;
    private final HangingTransactionSweep sweep;
    private final Runnable stopCheck;
    private final Duration step;
    private final long timeoutMillis;
    private final LongSupplier clock;
    private TopicPartition offsetsPartition;
    /** False once the offsets partition turned out not to be ours to look at. */
    private boolean mayLook = true;

    /**
     * @param owner     who asks, for the log ({@code "Stream s"})
     * @param consumer  the group's consumer
     * @param groupId   the consumer's group
     * @param sweep     aborts what hangs in the group's offsets partition
     * @param stopCheck run between steps; throws to give up waiting (the caller was asked to stop)
     * @param step      how long each request for the position may wait before the offsets partition is looked at
     * @param timeout   how long a position may take in all
     * @param clock     milliseconds, for the overall timeout
     */
    public CommittedPositions(String owner, Consumer<?, ?> consumer, String groupId, HangingTransactionSweep sweep,
            Runnable stopCheck, Duration step, Duration timeout, LongSupplier clock) {
        this.owner = owner;
        this.consumer = consumer;
        this.groupId = groupId;
        this.sweep = sweep;
        this.stopCheck = stopCheck;
        this.step = step;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
    }

    /**
     * The offset the consumer reads {@code partition} from next.
     *
     * @throws TimeoutException if the committed offset stayed unstable, or Kafka silent, for the whole timeout
     */
    public long position(TopicPartition partition) {
        long deadline = clock.getAsLong() + timeoutMillis;
        while (true) {
            try {
                return consumer.position(partition, step);
            } catch (TimeoutException e) {
                if (clock.getAsLong() >= deadline) {
                    throw e;
                }
                stopCheck.run();
                abortHangingOffsetCommit();
            }
        }
    }

    private void abortHangingOffsetCommit() {
        if (!mayLook) {
            return;
        }
        try {
            sweep.sweep(List.of(offsetsPartition()));
        } catch (RuntimeException e) {
            if (!HangingTransactionSweep.deniedAccess(e)) {
                // Kafka briefly unreachable, or the thread interrupted (its flag stays set, and the next
                // request for the position throws): the next step looks again.
                LOG.debug("{}: could not check group {}'s offsets for a hanging transaction: {}", owner, groupId,
                        e.getMessage());
                return;
            }
            mayLook = false;
            LOG.warn("{}: the committed offsets of group {} stay unstable, and its partition of {} may not be checked "
                    + "for a hanging transaction by this principal ({}); if this lasts, kafka-transactions.sh "
                    + "find-hanging and abort end such a transaction", owner, groupId, GroupOffsetsPartition.TOPIC,
                    e.getMessage());
        }
    }

    private TopicPartition offsetsPartition() {
        if (offsetsPartition == null) {
            List<PartitionInfo> partitions = consumer.partitionsFor(GroupOffsetsPartition.TOPIC);
            if (partitions == null || partitions.isEmpty()) {
                throw new KafkaException(GroupOffsetsPartition.TOPIC + " has no partitions this client can see");
            }
            offsetsPartition = GroupOffsetsPartition.of(groupId, partitions.size());
        }
        return offsetsPartition;
    }
}
