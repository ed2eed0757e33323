package org.hyperiot.streaming.api;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A record flowing through a stream. The value's Java type follows the source format: a JSON-like
 * tree of {@code Map}, {@code List}, {@code String}, {@code Number}, {@code Boolean} and {@code null}
 * for {@code json}, a {@code String} for {@code string}, a {@code byte[]} for {@code bytes}. Values
 * are shared, not copied, between operators: treat them as read-only and emit new values instead of
 * changing the ones received.
 *
 * @param key       the record key, {@code null} for none
 * @param value     the record value
 * @param timestamp the event time in epoch milliseconds
 * @param headers   header names and UTF-8 values; unmodifiable, empty when none
 */
public record StreamRecord(String key, Object value, long timestamp, Map<String, String> headers) {

    /** Keeps an unmodifiable copy of the headers. */
    public StreamRecord {
        // Map.copyOf returns its argument when that is already an unmodifiable copy, so passing a
        // record's headers on to a derived record costs nothing.
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A record without headers. */
    public static StreamRecord of(String key, Object value, long timestamp) {
        return new StreamRecord(key, value, timestamp, Map.of());
    }

    /** This record with another key. */
    public StreamRecord withKey(String newKey) {
        return new StreamRecord(newKey, value, timestamp, headers);
    }

    /** This record with another value. */
    public StreamRecord withValue(Object newValue) {
        return new StreamRecord(key, newValue, timestamp, headers);
    }

    /** This record with another timestamp. */
    public StreamRecord withTimestamp(long newTimestamp) {
        return new StreamRecord(key, value, newTimestamp, headers);
    }

    /** This record with one header added or replaced. */
    public StreamRecord withHeader(String name, String headerValue) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put(name, headerValue);
        return new StreamRecord(key, value, timestamp, copy);
    }

    /** Equal when key, timestamp, headers and value are equal; {@code byte[]} values compare by content. */
    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof StreamRecord that)) {
            return false;
        }
        return timestamp == that.timestamp
                && Objects.equals(key, that.key)
                && headers.equals(that.headers)
                && Objects.deepEquals(value, that.value);
    }

    /** Consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        int valueHash = value instanceof byte[] bytes ? Arrays.hashCode(bytes) : Objects.hashCode(value);
        return Objects.hash(key, timestamp, headers, valueHash);
    }

    /** Shows {@code byte[]} values by length rather than identity. */
    @Override
    public String toString() {
        Object shown = value instanceof byte[] bytes ? "byte[" + bytes.length + "]" : value;
        return "StreamRecord[key=" + key + ", value=" + shown + ", timestamp=" + timestamp
                + ", headers=" + headers + "]";
    }
}
