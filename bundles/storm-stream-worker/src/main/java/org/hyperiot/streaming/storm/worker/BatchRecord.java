package org.hyperiot.streaming.storm.worker;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A Kafka record as a partition spout's tuple carries it, with no Kafka type needed to read it: what the
 * engine needs of a source record, its headers in their order and with their duplicates. Two records are
 * equal when their contents are; the arrays are not copied, and are not to be changed.
 *
 * @param offset    the record's offset in its partition
 * @param timestamp the record's timestamp in epoch milliseconds
 * @param key       the key bytes, or {@code null}
 * @param value     the value bytes, or {@code null} for a tombstone
 * @param headers   the headers, in their order, duplicates kept
 */
public record BatchRecord(long offset, long timestamp, byte[] key, byte[] value, List<Header> headers) {

    public BatchRecord {
        headers = List.copyOf(headers);
    }

    /**
     * One record header.
     *
     * @param key   the header key, never {@code null}
     * @param value the header value, or {@code null}
     */
    public record Header(String key, byte[] value) {

        public Header {
            Objects.requireNonNull(key, "a header has a key");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Header that && key.equals(that.key) && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * key.hashCode() + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + (value == null ? "null" : value.length + " bytes");
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BatchRecord that && offset == that.offset && timestamp == that.timestamp
                && Arrays.equals(key, that.key) && Arrays.equals(value, that.value) && headers.equals(that.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, timestamp, Arrays.hashCode(key), Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "BatchRecord[offset=" + offset + ", timestamp=" + timestamp
                + ", key=" + (key == null ? "null" : key.length + " bytes")
                + ", value=" + (value == null ? "null" : value.length + " bytes")
                + ", headers=" + headers + "]";
    }
}
