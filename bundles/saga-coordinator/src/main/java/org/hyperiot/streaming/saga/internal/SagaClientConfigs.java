package org.hyperiot.streaming.saga.internal;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.hyperiot.streaming.kafka.support.TransactionRetry;

/**
 * The settings of the coordinator's and participants' Kafka clients, on top of the platform's: every
 * reader is {@code read_committed}, offsets are committed only inside transactions, writers are
 * idempotent with {@code acks=all}. No consumer lets the broker create a topic it asks about: a topic
 * made that way has the broker's defaults (deleting old segments, one partition), which the saga log
 * cannot live with; the coordinator creates its topics itself. Pure functions.
 */
public final class SagaClientConfigs {

    private SagaClientConfigs() {
    }

    /** A consumer in a group whose offsets go in with transactions. */
    public static Map<String, Object> groupConsumer(String group, String clientId, int sessionTimeoutMs, int maxPollRecords) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, sessionTimeoutMs);
        config.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(500, sessionTimeoutMs / 4));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /** A consumer without a group that reads assigned partitions, for restores and views. */
    public static Map<String, Object> reader(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }

    /** A transactional producer. */
    public static Map<String, Object> transactionalProducer(String transactionalId, String clientId,
            int transactionTimeoutMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, transactionTimeoutMs);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, TransactionRetry.FIRST_BACKOFF_MS);
        // A send to a topic that does not exist would block the transaction this long before failing.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        return config;
    }

    /** The producer of requests (starts, operator verbs): idempotent, not transactional. */
    public static Map<String, Object> requestProducer(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15000);
        return config;
    }

    /** The admin client of a worker's hanging-transaction checks. */
    public static Map<String, Object> admin(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-admin");
        return config;
    }
}
