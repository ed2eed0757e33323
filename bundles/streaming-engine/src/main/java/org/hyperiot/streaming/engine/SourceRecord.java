package org.hyperiot.streaming.engine;

import java.util.Map;

/**
 * A record as read from a source partition, before the engine decodes it. It carries either the raw
 * payload, which the task decodes with the source format (so that a payload that cannot be decoded
 * becomes a dead letter), or a value already in the format's Java form. Late records and dead letters
 * hand the source record back unchanged so that the runtime can forward the original bytes.
 *
 * <p>A task of the {@link TaskStage#WINDOWING windowing} stage reads what the routing stage sent
 * through the stream's repartition: {@link #routed routed records}, whose event time was read upstream
 * and whose watermark counts for the source partition they came from (their <em>origin</em>), and
 * {@link #progress progress markers}, which only tell how far an origin has come.
 */
public final class SourceRecord {

    private final SourcePartition partition;
    private final long offset;
    private final String key;
    private final boolean raw;
    private final byte[] payload;
    private final Object value;
    private final long timestamp;
    private final Map<String, String> headers;
    private final SourcePartition origin;
    private final boolean progress;
    private final boolean originIdle;
    private final Object attachment;

    private SourceRecord(SourcePartition partition, long offset, String key, boolean raw, byte[] payload,
                         Object value, long timestamp, Map<String, String> headers, SourcePartition origin,
                         boolean progress, boolean originIdle, Object attachment) {
        this.partition = partition;
        this.raw = raw;
        this.offset = offset;
        this.key = key;
        this.payload = payload;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null || headers.isEmpty() ? Map.of() : Map.copyOf(headers);
        this.origin = origin;
        this.progress = progress;
        this.originIdle = originIdle;
        this.attachment = attachment;
    }

    /**
     * A record carrying its raw payload, decoded by the task with the source format.
     *
     * @param partition the partition it was read from
     * @param offset    its offset in that partition
     * @param key       the record key as a string, or {@code null}
     * @param payload   the raw value bytes, or {@code null} for a tombstone (decoded as a {@code null} value)
     * @param timestamp the source record timestamp in epoch milliseconds
     * @param headers   the record headers, or {@code null} for none
     */
    public static SourceRecord ofPayload(SourcePartition partition, long offset, String key, byte[] payload,
                                         long timestamp, Map<String, String> headers) {
        return ofPayload(partition, offset, key, payload, timestamp, headers, null);
    }

    /**
     * A record carrying its raw payload, and the runtime's own form of the record (for example its
     * Kafka headers as they were read, bytes, order and duplicates included), which the engine never
     * looks at and hands back with late records and dead letters.
     */
    public static SourceRecord ofPayload(SourcePartition partition, long offset, String key, byte[] payload,
                                         long timestamp, Map<String, String> headers, Object attachment) {
        return new SourceRecord(partition, offset, key, true, payload, null, timestamp, headers, null, false, false,
                attachment);
    }

    /**
     * A record whose value is already decoded: a JSON-like tree for {@code json}, a {@code String} for
     * {@code string}, a {@code byte[]} for {@code bytes}.
     */
    public static SourceRecord ofValue(SourcePartition partition, long offset, String key, Object value,
                                       long timestamp, Map<String, String> headers) {
        return new SourceRecord(partition, offset, key, false, null, value, timestamp, headers, null, false, false,
                null);
    }

    /**
     * A record the routing stage sent through the repartition, read back by the windowing stage.
     *
     * @param partition  the repartition partition it was read from
     * @param offset     its offset there
     * @param key        the key {@code keyBy} gave it
     * @param payload    its value, encoded with the source format, or {@code null}
     * @param eventTime  its event time, as the routing stage read it
     * @param origin     the source partition the record was first read from, whose watermark it advances
     * @param headers    the headers of the original record, or {@code null} for none
     * @param attachment the runtime's own form of the record, handed back with late records and dead letters
     */
    public static SourceRecord routed(SourcePartition partition, long offset, String key, byte[] payload,
                                      long eventTime, SourcePartition origin, Map<String, String> headers,
                                      Object attachment) {
        return new SourceRecord(partition, offset, key, true, payload, null, eventTime, headers, origin, false, false,
                attachment);
    }

    /**
     * A progress marker read from the repartition: {@code origin} has delivered records up to
     * {@code maxEventTime} ({@link Long#MIN_VALUE} if none yet), whether or not any of them were routed
     * to this partition, and whether it is idle (no record for {@code idleTimeout}).
     */
    public static SourceRecord progress(SourcePartition partition, long offset, SourcePartition origin,
                                        long maxEventTime, boolean idle) {
        return new SourceRecord(partition, offset, null, false, null, null, maxEventTime, null, origin, true, idle,
                null);
    }

    /** The partition the record was read from. */
    public SourcePartition partition() {
        return partition;
    }

    /** The topic the record was read from. */
    public String topic() {
        return partition.topic();
    }

    /** The record's offset in its partition. */
    public long offset() {
        return offset;
    }

    /** The record key, or {@code null}. */
    public String key() {
        return key;
    }

    /** True when the record carries a raw payload to decode rather than a decoded value. */
    public boolean hasPayload() {
        return raw;
    }

    /** The raw payload, or {@code null} if the record was created with a decoded value or is a tombstone. */
    public byte[] payload() {
        return payload;
    }

    /** The decoded value given at creation, or {@code null} if the record carries a payload. */
    public Object value() {
        return value;
    }

    /**
     * The source record timestamp in epoch milliseconds; the event time for a routed record, the
     * origin's highest event time for a progress marker.
     */
    public long timestamp() {
        return timestamp;
    }

    /** The record headers; unmodifiable. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The source partition a routed record or progress marker comes from; {@code null} for other records. */
    public SourcePartition origin() {
        return origin;
    }

    /** True for a progress marker, which carries no record. */
    public boolean isProgress() {
        return progress;
    }

    /** For a progress marker: true when its origin is idle. */
    public boolean isOriginIdle() {
        return originIdle;
    }

    /** The runtime's own form of the record given at creation, or {@code null}. */
    public Object attachment() {
        return attachment;
    }

    @Override
    public String toString() {
        return "SourceRecord[" + partition + "@" + offset + ", key=" + key
                + (origin == null ? "" : ", origin=" + origin + (progress ? ", progress" : "")) + "]";
    }
}
