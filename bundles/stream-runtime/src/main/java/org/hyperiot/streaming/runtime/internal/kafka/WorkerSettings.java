package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Duration;

/**
 * What every worker of this node shares.
 *
 * @param nodeId          this node's id, part of transactional ids and task statuses
 * @param sessionTimeout  how long the group waits for a silent node before moving its partitions
 * @param transactionTimeout how long the broker waits before aborting a crashed worker's transaction
 * @param maxPollRecords  records fetched per poll
 * @param maxRetryBackoff the longest wait between two attempts to restart a worker after an error
 */
public record WorkerSettings(String nodeId, Duration sessionTimeout, Duration transactionTimeout,
        int maxPollRecords, Duration maxRetryBackoff) {
}
