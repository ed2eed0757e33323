package org.hyperiot.streaming.runtime.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the records of the repartition partitions a worker reads once its commits have gone past
 * them, as Kafka Streams purges its repartition topics: the topic has no retention limit (a stream
 * stopped for a week must not lose what its first stage routed), so without this it would keep every
 * record for ever. At most once per interval; a failure is logged and retried at the next one, since
 * only disk space waits for it.
 */
public final class RepartitionPurge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RepartitionPurge.class);
    public static final Duration INTERVAL = Duration.ofSeconds(30);

    private final String stream;
    private final Supplier<ChangelogAdmin> admins;
    private final Map<TopicPartition, Long> purged = new HashMap<>();
    private ChangelogAdmin admin;
    private long lastPurge;

    /**
     * @param admins creates the admin client on the first purge
     * @param now    the time the first interval starts from
     */
    public RepartitionPurge(String stream, Supplier<ChangelogAdmin> admins, long now) {
        this.stream = stream;
        this.admins = admins;
        this.lastPurge = now;
    }

    /** After a commit: deletes what the committed positions leave behind, if the interval has passed. */
    public void committed(Map<TopicPartition, Long> committedPositions, long now) {
        if (now - lastPurge < INTERVAL.toMillis()) {
            return;
        }
        lastPurge = now;
        Map<TopicPartition, Long> due = new HashMap<>();
        committedPositions.forEach((partition, offset) -> {
            if (offset > purged.getOrDefault(partition, 0L)) {
                due.put(partition, offset);
            }
        });
        if (due.isEmpty()) {
            return;
        }
        try {
            if (admin == null) {
                admin = admins.get();
            }
            admin.deleteRecordsBefore(due);
            purged.putAll(due);
        } catch (KafkaUnavailableException e) {
            LOG.debug("Stream {}: could not purge its repartition topic: {}", stream, e.getMessage());
        }
    }

    @Override
    public void close() {
        if (admin != null) {
            Closing.quietly(admin::close, stream, "repartition purge admin");
            admin = null;
        }
    }
}
