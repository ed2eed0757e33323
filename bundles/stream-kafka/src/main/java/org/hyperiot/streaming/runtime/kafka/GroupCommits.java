package org.hyperiot.streaming.runtime.kafka;

import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.RebalanceInProgressException;

/** Commits input offsets to the stream's group outside a transaction (at-most-once, at-least-once). */
final class GroupCommits {

    private GroupCommits() {
    }

    /**
     * Commits {@code offsets} synchronously.
     *
     * @return false if the group is rebalancing: not an error, the caller keeps its progress and the
     *         revocation or the next commit commits it (ending the attempt instead would process
     *         everything since the last commit again)
     * @throws TaskMigratedException if the group has moved on without this member
     */
    static boolean commit(Consumer<byte[], byte[]> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            consumer.commitSync(offsets);
            return true;
        } catch (RebalanceInProgressException e) {
            return false;
        } catch (CommitFailedException | FencedInstanceIdException e) {
            throw new TaskMigratedException("the group moved on while committing: " + e.getMessage(), e);
        }
    }
}
