package org.hyperiot.streaming.engine;

import java.util.Map;

/**
 * A record as read from a source partition, before the engine decodes it. It carries either the raw
 * payload, which the task decodes with the source format (so that a payload that cannot be decoded
 * becomes a dead letter), or a value already in the format's Java form. Late records and dead letters
 * hand the source record back unchanged so that the runtime can forward the original bytes.
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

    private SourceRecord(SourcePartition partition, long offset, String key, boolean raw, byte[] payload,
                         Object value, long timestamp, Map<String, String> headers) {
        this.partition = partition;
        this.raw = raw;
        this.offset = offset;
        this.key = key;
        this.payload = payload;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
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
        return new SourceRecord(partition, offset, key, true, payload, null, timestamp, headers);
    }

    /**
     * A record whose value is already decoded: a JSON-like tree for {@code json}, a {@code String} for
     * {@code string}, a {@code byte[]} for {@code bytes}.
     */
    public static SourceRecord ofValue(SourcePartition partition, long offset, String key, Object value,
                                       long timestamp, Map<String, String> headers) {
        return new SourceRecord(partition, offset, key, false, null, value, timestamp, headers);
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

    /** The source record timestamp in epoch milliseconds. */
    public long timestamp() {
        return timestamp;
    }

    /** The record headers; unmodifiable. */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "SourceRecord[" + partition + "@" + offset + ", key=" + key + "]";
    }
}
