package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Duration;

/**
 * What every worker of this node shares.
 *
 * @param nodeId             this node's id, part of transactional ids and task statuses
 * @param sessionTimeout     how long the group waits for a silent node before moving its partitions
 * @param transactionTimeout how long the broker waits before aborting a crashed worker's transaction
 * @param maxPollRecords     records fetched per poll
 * @param maxRetryBackoff    the longest wait between two attempts to restart a worker after an error
 * @param deliveryTimeout    how long the producer keeps trying to deliver a record before failing it
 *                           ({@code delivery.timeout.ms}); bounds how long a flush, and so a stop, can take
 */
public record WorkerSettings(String nodeId, Duration sessionTimeout, Duration transactionTimeout,
        int maxPollRecords, Duration maxRetryBackoff, Duration deliveryTimeout) {

    /** Settings with Kafka's default delivery timeout of two minutes. */
    public WorkerSettings(String nodeId, Duration sessionTimeout, Duration transactionTimeout, int maxPollRecords,
            Duration maxRetryBackoff) {
        this(nodeId, sessionTimeout, transactionTimeout, maxPollRecords, maxRetryBackoff, Duration.ofMinutes(2));
    }

    /**
     * The longest a worker may leave offsets uncommitted, whatever the definition asks: under
     * exactly-once a transaction left open for the transaction timeout is aborted by the broker, so
     * every commit must come well before it.
     */
    public long maxCommitIntervalMillis() {
        return Math.max(100, transactionTimeout.toMillis() / 2);
    }
}
