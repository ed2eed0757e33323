package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.kafka.support.TransactionRetry;
import org.hyperiot.streaming.runtime.kafka.StreamResources;

/**
 * The settings of a worker's Kafka clients, as pure functions of the stream and the node, on top of
 * the connector's cluster settings. Nothing here talks to Kafka.
 */
final class StreamClientConfigs {

    private StreamClientConfigs() {
    }

    /** The client id of worker {@code index} of {@code stream} on this node; {@code role} tells its clients apart. */
    static String clientId(StreamDefinition stream, WorkerSettings settings, int index, String role) {
        return StreamResources.prefix(stream.name()) + settings.nodeId() + "-" + index + (role.isEmpty() ? "" : "-" + role);
    }

    /** The consumer in the stream's group that reads the source topics. */
    static Map<String, Object> consumer(StreamDefinition stream, WorkerSettings settings, int index) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, StreamResources.groupId(stream.name()));
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(stream, settings, index, ""));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Every guarantee reads committed data only: an exactly-once upstream's aborted output is not input.
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, stream.source().startFrom().name().toLowerCase(Locale.ROOT));
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(settings.sessionTimeout().toMillis()));
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                Long.toString(Math.max(500, settings.sessionTimeout().toMillis() / 4)));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(settings.maxPollRecords()));
        return config;
    }

    /** The group-less consumer that replays changelog partitions; only committed state counts. */
    static Map<String, Object> restoreConsumer(StreamDefinition stream, WorkerSettings settings, int index) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, null);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId(stream, settings, index, "restore"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return config;
    }

    /**
     * The producer of outputs and changelog writes: {@code acks=all} and idempotent under every
     * guarantee; under exactly-once also transactional, with this worker's transactional id.
     */
    static Map<String, Object> producer(StreamDefinition stream, WorkerSettings settings, int index) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId(stream, settings, index, ""));
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        if (stream.guarantee() == Guarantee.EXACTLY_ONCE) {
            config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                    StreamResources.transactionalId(stream.name(), settings.nodeId(), index));
            // A crashed worker's open transaction holds back read_committed readers of its outputs until
            // the coordinator aborts it after this long: it bounds the failover time readers see.
            config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Integer.toString((int) settings.transactionTimeout().toMillis()));
            // Each commit is followed at once by the next transaction's offsets, which the broker refuses
            // until the commit's markers are written: retry after milliseconds, not Kafka's default 100.
            config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, Integer.toString(TransactionRetry.FIRST_BACKOFF_MS));
        }
        return config;
    }

    /** The admin client that looks for transactions left open on the partitions a worker takes over. */
    static Map<String, Object> admin(StreamDefinition stream, WorkerSettings settings, int index) {
        return Map.of(AdminClientConfig.CLIENT_ID_CONFIG, clientId(stream, settings, index, "admin"));
    }
}
