package org.hyperiot.streaming.api.kafka;

import java.time.Instant;

/**
 * What the Kafka cluster answered when last asked.
 *
 * @param reachable whether the cluster answered within the timeout
 * @param clusterId Kafka's cluster id, or {@code null} when unreachable
 * @param brokers   the number of live brokers, 0 when unreachable
 * @param bootstrapServers the bootstrap servers that were asked
 * @param error     why the cluster is unreachable, {@code null} when reachable
 * @param checkedAt when the answer was obtained
 */
public record KafkaClusterStatus(boolean reachable, String clusterId, int brokers, String bootstrapServers,
        String error, Instant checkedAt) {
}
