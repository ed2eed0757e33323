package org.hyperiot.streaming.runtime.kafka;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.hyperiot.streaming.kafka.support.GroupOffsetsPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds where an exactly-once worker reads a partition the group just gave it: the group's committed
 * offset. A {@code read_committed} consumer gets that offset only once it is stable, that is once no
 * transaction committing offsets for the group is open. A transaction left hanging in the group's
 * partition of {@code __consumer_offsets} never ends (a broker restart can leave one: the kill matrix
 * saw a stream wait for over four minutes, each attempt timing out after a minute and the next one
 * waiting again).
 *
 * <p>So the position is asked for in short steps, and between them the restorer looks for a
 * transaction hanging in the group's offsets partition and aborts it, as it does on the outputs and
 * the changelog ({@link ChangelogRestorer#abortHanging}): it must have been seen open for longer than
 * the transaction timeout, and be unknown to its coordinator. A principal not allowed to look at
 * {@code __consumer_offsets} only waits, as before; the log then says how to end such a transaction by
 * hand. After {@code timeout} in all, the consumer's {@link TimeoutException} ends the attempt.
 */
public final class CommittedPositions {

    private static final Logger LOG = LoggerFactory.getLogger(CommittedPositions.class);

    private final String stream;
    private final Consumer<?, ?> consumer;
    private final String groupId;
    private final ChangelogRestorer restorer;
    private final BooleanSupplier mustEnd;
    private final Duration step;
    private final long timeoutMillis;
    private final LongSupplier clock;
    private TopicPartition offsetsPartition;
    /** False once the offsets partition turned out not to be ours to look at. */
    private boolean mayLook = true;

    /**
     * @param consumer the worker's consumer, in the group {@code groupId}
     * @param restorer looks for hanging transactions, remembering sightings between calls
     * @param mustEnd  true once the worker is asked to stop
     * @param step     how long each request for the position may wait before the offsets partition is looked at
     * @param timeout  how long the positions may take in all
     * @param clock    milliseconds, for the overall timeout
     */
    public CommittedPositions(String stream, Consumer<?, ?> consumer, String groupId, ChangelogRestorer restorer,
            BooleanSupplier mustEnd, Duration step, Duration timeout, LongSupplier clock) {
        this.stream = stream;
        this.consumer = consumer;
        this.groupId = groupId;
        this.restorer = restorer;
        this.mustEnd = mustEnd;
        this.step = step;
        this.timeoutMillis = timeout.toMillis();
        this.clock = clock;
    }

    /**
     * The offset the consumer reads {@code partition} from next.
     *
     * @throws TimeoutException        if the committed offset stayed unstable, or Kafka silent, for the whole timeout
     * @throws WorkerStoppedException  if the worker is asked to stop meanwhile
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
                if (mustEnd.getAsBoolean()) {
                    throw new WorkerStoppedException("stopped while waiting for the committed offset of " + partition);
                }
                abortHangingOffsetCommit();
            }
        }
    }

    private void abortHangingOffsetCommit() {
        if (!mayLook) {
            return;
        }
        try {
            TopicPartition offsets = offsetsPartition();
            if (offsets != null) {
                restorer.abortHanging(List.of(offsets));
            }
        } catch (KafkaUnavailableException | KafkaException e) {
            if (!deniedAccess(e)) {
                // Kafka briefly unreachable: the next step looks again.
                LOG.debug("Stream {}: could not check group {}'s offsets for a hanging transaction: {}", stream, groupId,
                        e.getMessage());
                return;
            }
            mayLook = false;
            LOG.warn("Stream {}: the committed offsets of group {} stay unstable, and its partition of {} may not be "
                    + "checked for a hanging transaction by this principal ({}); if this lasts, kafka-transactions.sh "
                    + "find-hanging and abort end such a transaction", stream, groupId, GroupOffsetsPartition.TOPIC,
                    e.getMessage());
        }
    }

    private static boolean deniedAccess(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                return true;
            }
        }
        return false;
    }

    private TopicPartition offsetsPartition() {
        if (offsetsPartition == null) {
            List<PartitionInfo> partitions = consumer.partitionsFor(GroupOffsetsPartition.TOPIC);
            if (partitions == null || partitions.isEmpty()) {
                throw new KafkaUnavailableException(GroupOffsetsPartition.TOPIC + " has no partitions this client can see",
                        null);
            }
            offsetsPartition = GroupOffsetsPartition.of(groupId, partitions.size());
        }
        return offsetsPartition;
    }
}
