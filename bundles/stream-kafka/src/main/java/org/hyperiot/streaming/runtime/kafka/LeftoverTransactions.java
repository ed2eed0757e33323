package org.hyperiot.streaming.runtime.kafka;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts what a transactional id left open on the partitions it writes to. It runs right after the id's
 * {@code initTransactions}, when the coordinator has no transaction of the id in progress: one still open
 * on a partition then is dead, its end marker lost (seen after a broker was killed and restarted: the
 * coordinator ended the transaction, but the marker never reached the partition). It must be aborted
 * before the id writes again. The new producer keeps the producer id, and the partition takes its next
 * commit marker as the end of the dead transaction too, so the dead transaction's records, whose input is
 * processed again, would be committed beside the new ones: the same outputs twice.
 */
public final class LeftoverTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(LeftoverTransactions.class);

    private LeftoverTransactions() {
    }

    /**
     * Aborts the transactions of {@code transactionalId} open on {@code partitions}.
     *
     * @return how many were aborted
     * @throws KafkaUnavailableException when Kafka does not answer
     */
    public static int abort(ChangelogAdmin admin, String stream, String transactionalId,
            Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return 0;
        }
        OptionalLong producerId = admin.producerId(transactionalId);
        if (producerId.isEmpty()) {
            return 0;
        }
        int aborted = 0;
        for (Map.Entry<TopicPartition, List<ProducerState>> open : admin.openTransactions(partitions).entrySet()) {
            for (ProducerState producer : open.getValue()) {
                if (producer.producerId() == producerId.getAsLong()) {
                    LOG.warn("Stream {}: aborting a transaction of {} left open on {} since offset {} (epoch {}): its "
                            + "end marker was lost, and the next commit would commit it too", stream, transactionalId,
                            open.getKey(), producer.currentTransactionStartOffset().orElse(-1),
                            producer.producerEpoch());
                    admin.abort(open.getKey(), producer);
                    aborted++;
                }
            }
        }
        return aborted;
    }
}
