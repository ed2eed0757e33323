package org.hyperiot.streaming.runtime.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once: outputs, state changes and input offsets go in one Kafka transaction of this worker's
 * transactional producer. The offsets are sent with the consumer's group metadata, so the group
 * coordinator refuses the transaction of a member the group has moved on from (a zombie that kept
 * fetching through a long pause); every transaction carries offsets for that reason, even one that
 * only holds outputs fired by the clock.
 */
public final class ExactlyOnceProtocol implements DeliveryProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceProtocol.class);

    private final String stream;
    private final RecordCollector collector;
    private final Supplier<ConsumerGroupMetadata> groupMetadata;
    private boolean inTransaction;

    /**
     * Exactly-once for a worker whose transactional producer is the one of {@code collector}.
     *
     * @param groupMetadata the group metadata each transaction's offsets are sent with: a group member's
     *                      current one ({@code consumer::groupMetadata}), so that the coordinator refuses a
     *                      member the group has moved on from, or a fixed one naming only the group for a
     *                      consumer that assigns itself its partitions
     */
    public ExactlyOnceProtocol(String stream, RecordCollector collector,
            Supplier<ConsumerGroupMetadata> groupMetadata) {
        this.stream = stream;
        this.collector = collector;
        this.groupMetadata = groupMetadata;
    }

    @Override
    public void emit(TopicPartition source, ProducerRecord<byte[], byte[]> output) {
        try {
            begin();
            collector.send(output);
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        }
    }

    @Override
    public Outcome commit(Map<TopicPartition, OffsetAndMetadata> offsets,
            Map<TopicPartition, List<ProducerRecord<byte[], byte[]>>> changelog, boolean complete) {
        if (offsets.isEmpty() && !changelog.isEmpty()) {
            // Never happens with tasks assigned; a transaction without offsets could not be fenced.
            throw new IllegalArgumentException("a transaction needs the offsets of the partitions it covers");
        }
        if (offsets.isEmpty() && !inTransaction) {
            return Outcome.COMMITTED;
        }
        try {
            begin();
            changelog.values().forEach(changes -> changes.forEach(collector::send));
            collector.producer().sendOffsetsToTransaction(offsets, groupMetadata.get());
            collector.producer().commitTransaction();
            inTransaction = false;
        } catch (ProducerFencedException | InvalidProducerEpochException e) {
            throw fenced(e);
        } catch (CommitFailedException e) {
            // The group's generation moved on while the transaction was open: a cooperative rebalance, in
            // which this member keeps its partitions and processes on until it rejoins, or a member the group
            // has dropped. Either way the offsets cannot go in, so nothing of the transaction may; the
            // producer itself is fine and needs no new attempt (whose leave and join would in turn fence the
            // other members' transactions).
            abort();
            LOG.debug("Stream {}: the group refused the transaction's offsets: {}", stream, e.getMessage());
            return Outcome.REFUSED;
        } catch (TransactionAbortedException e) {
            throw new OutputNotAcknowledgedException("stream '" + stream + "': the transaction was aborted", e);
        } catch (KafkaException e) {
            Exception sendError = collector.takeError();
            throw new OutputNotAcknowledgedException("stream '" + stream + "': the transaction did not commit"
                    + (sendError == null ? "" : " (" + sendError + ")"), e);
        }
        Exception failed = collector.takeError();
        if (failed != null) {
            // commitTransaction fails when a send failed; this only guards against a client that does not.
            throw new OutputNotAcknowledgedException("stream '" + stream + "': a transactional send failed", failed);
        }
        return Outcome.COMMITTED;
    }

    @Override
    public boolean hasPendingOutputs() {
        return inTransaction;
    }

    @Override
    public void discard(Collection<TopicPartition> partitions) {
        // An open transaction is committed before partitions are revoked, or aborted as a whole.
    }

    @Override
    public void abort() {
        if (inTransaction) {
            try {
                collector.producer().abortTransaction();
            } catch (RuntimeException e) {
                // A fenced or failed producer cannot abort; the coordinator aborts the transaction when
                // this transactional id starts again or when it times out.
                LOG.debug("Stream {}: abort failed: {}", stream, e.toString());
            }
        }
        inTransaction = false;
        collector.takeError();
    }

    private void begin() {
        if (!inTransaction) {
            collector.producer().beginTransaction();
            inTransaction = true;
        }
    }

    private TaskMigratedException fenced(KafkaException e) {
        return new TaskMigratedException("stream '" + stream + "': this worker was fenced: " + e.getMessage(), e);
    }
}
