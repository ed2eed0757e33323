package org.hyperiot.streaming.storm.worker;

import java.util.Map;
import java.util.TreeMap;

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

    /** The custom processors the topology carries: a map of the names definitions use to class names. */
    public static final String PROCESSORS = "stream.processors";

    /** The custom aggregators the topology carries: a map of the names definitions use to class names. */
    public static final String AGGREGATORS = "stream.aggregators";

    /**
     * The platform's status topic, where each bolt task reports its tasks and counters as the nodes do,
     * so that a stream's status and metrics show them; without it the bolts report nothing.
     */
    public static final String STATUS_TOPIC = "stream.status.topic";

    /** How often (ms) a bolt task reports; the nodes drop reports three intervals old. */
    public static final String STATUS_INTERVAL_MS = "stream.status.interval.ms";

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

    /** The status topic from a topology configuration, or {@code null} when the bolts are not to report. */
    public static String statusTopic(Map<String, Object> configuration) {
        Object value = configuration.get(STATUS_TOPIC);
        return value instanceof String topic && !topic.isBlank() ? topic : null;
    }

    /** The report interval from a topology configuration; 2 s when it has none. */
    public static long statusIntervalMs(Map<String, Object> configuration) {
        Object value = configuration.get(STATUS_INTERVAL_MS);
        long interval = value == null ? 2000 : value instanceof Number number ? number.longValue() : Long.parseLong(value.toString());
        return Math.max(100, interval);
    }

    /** The processors' classes by name from a topology configuration; empty when it carries none. */
    public static Map<String, String> processors(Map<String, Object> configuration) {
        return names(configuration, PROCESSORS);
    }

    /** The aggregators' classes by name from a topology configuration; empty when it carries none. */
    public static Map<String, String> aggregators(Map<String, Object> configuration) {
        return names(configuration, AGGREGATORS);
    }

    private static Map<String, String> names(Map<String, Object> configuration, String key) {
        Object value = configuration.get(key);
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(key + " must be a map of names to class names, not " + value);
        }
        Map<String, String> names = new TreeMap<>();
        map.forEach((name, className) -> names.put(String.valueOf(name), String.valueOf(className)));
        return names;
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
