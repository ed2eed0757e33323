package org.hyperiot.streaming.storm.worker;

import java.util.Map;

/**
 * The keys of a stream topology's configuration that its spout and bolt read, besides Storm's own and
 * {@link KafkaClientSettings#CLIENTS}. Everything here may be shown to anyone who can read the
 * topology: secrets travel as Storm credentials.
 */
public final class StreamTopologyConfig {

    /** The stream's definition, as the JSON the platform stores. */
    public static final String DEFINITION = "stream.definition";

    /**
     * How long (ms) the broker waits before aborting the transaction of a bolt that died: it bounds the
     * failover time {@code read_committed} readers of an exactly-once stream see. Default
     * {@value #DEFAULT_TRANSACTION_TIMEOUT_MS}.
     */
    public static final String TRANSACTION_TIMEOUT_MS = "stream.transaction.timeout.ms";

    /** The default of {@link #TRANSACTION_TIMEOUT_MS}, as the {@code kafka} engine's. */
    public static final long DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;

    private StreamTopologyConfig() {
    }

    /** The definition's JSON from a topology configuration. */
    public static String definition(Map<String, Object> configuration) {
        Object value = configuration.get(DEFINITION);
        if (!(value instanceof String json) || json.isBlank()) {
            throw new IllegalArgumentException("the topology configuration has no stream definition under " + DEFINITION);
        }
        return json;
    }

    /** The transaction timeout from a topology configuration (JSON numbers come back as longs). */
    public static long transactionTimeoutMs(Map<String, Object> configuration) {
        Object value = configuration.get(TRANSACTION_TIMEOUT_MS);
        if (value == null) {
            return DEFAULT_TRANSACTION_TIMEOUT_MS;
        }
        long timeout = value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
        if (timeout < 1000) {
            throw new IllegalArgumentException(TRANSACTION_TIMEOUT_MS + " must be at least 1000, not " + timeout);
        }
        return timeout;
    }
}
