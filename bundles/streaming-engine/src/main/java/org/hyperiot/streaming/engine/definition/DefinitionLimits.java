package org.hyperiot.streaming.engine.definition;

import java.time.Duration;
import java.util.List;

/**
 * The bounds every stream definition must stay within, so that no valid definition can exhaust a
 * worker's memory, grow a state record past what Kafka accepts, or write into a topic the platform
 * or Kafka itself depends on. {@link StreamDefinitionReader} and {@link StreamDefinitionValidator}
 * refuse a definition beyond them with a pointer to the member at fault; a runtime may apply
 * stricter limits of its own (parallelism against the source partitions, commit interval against
 * its transaction timeout).
 */
public final class DefinitionLimits {

    /** Most tasks per node (kafka) or executors (storm) a stream may ask for. */
    public static final int MAX_PARALLELISM = 64;

    /** Most partitions a {@code keyBy} may ask of the stream's repartition topic. */
    public static final int MAX_REPARTITION_PARTITIONS = 1_000;

    /**
     * Most windows one record may fall in: {@code ceil(size / slide)} of a sliding time window and of
     * a count window. Each is updated, stored and published per record.
     */
    public static final int MAX_WINDOWS_PER_RECORD = 1_000;

    /**
     * Most time windows (or sessions) one key may hold open at once:
     * {@code ceil((size + allowedLateness + maxOutOfOrderness) / slide)} for tumbling and sliding
     * windows (the slide of a tumbling window is its size), and
     * {@code ceil((gap + allowedLateness + maxOutOfOrderness) / gap)} for session windows.
     */
    public static final long MAX_OPEN_WINDOWS_PER_KEY = 10_000;

    /** Most records in one count window. */
    public static final long MAX_COUNT_WINDOW_SIZE = 1_000_000;

    /**
     * Largest estimated state of one key of a count window, in bytes. A key's open count windows are
     * stored as one changelog record, and Kafka refuses records over 1 MiB by default. The estimate
     * counts 24 bytes per open window plus, per aggregate, 8 ({@code count}), 25 ({@code sum},
     * {@code avg}), 32 ({@code min}, {@code max}) or {@link #ASSUMED_VALUE_BYTES} for aggregates that
     * keep values ({@code first}, {@code last}, custom).
     */
    public static final int MAX_COUNT_WINDOW_STATE_BYTES = 512 * 1024;

    /** The size assumed for one value an aggregate keeps, when estimating state. */
    public static final int ASSUMED_VALUE_BYTES = 1024;

    /**
     * Longest duration anywhere in a definition: window size, slide and gap, allowed lateness,
     * out-of-orderness and idle timeout.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    /**
     * Longest {@code commitInterval} and {@code batch.interval}: Kafka's default
     * {@code transaction.max.timeout.ms}, beyond which no exactly-once transaction can stay open.
     */
    public static final Duration MAX_COMMIT_INTERVAL = Duration.ofMinutes(15);

    /** Most records in one micro-batch ({@code batch.maxRecords}); a batch is held in memory. */
    public static final int MAX_BATCH_RECORDS = 100_000;

    /** Deepest nesting of JSON values (in {@code set}, processor configs, conditions) and of conditions. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** Longest number literal, in characters, anywhere in a definition's JSON. */
    public static final int MAX_NUMBER_LENGTH = 100;

    /**
     * Name prefixes of topics a stream must not write to: Kafka's internal topics ({@code __}), the
     * platform's own ({@code hyperiot-streaming-}, cluster topics {@code hyperiot_layer_}), and the
     * internal topics of streams and sagas ({@code hyperiot-stream-}, {@code hyperiot-saga-}).
     */
    public static final List<String> INTERNAL_TOPIC_PREFIXES = List.of(
            "__", "hyperiot-streaming-", "hyperiot_layer_", "hyperiot-stream-", "hyperiot-saga-");

    private DefinitionLimits() {
    }

    /**
     * Whether a topic belongs to Kafka or to the platform (see {@link #INTERNAL_TOPIC_PREFIXES}).
     * Kafka treats {@code .} and {@code _} in topic names as colliding, so they are compared as equal.
     */
    public static boolean isInternalTopic(String topic) {
        if (topic == null) {
            return false;
        }
        String normalized = collisionForm(topic);
        for (String prefix : INTERNAL_TOPIC_PREFIXES) {
            if (normalized.startsWith(collisionForm(prefix))) {
                return true;
            }
        }
        return false;
    }

    private static String collisionForm(String topic) {
        return topic.replace('.', '_');
    }
}
