package org.hyperiot.streaming.storm.worker;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The records of one tuple of the partition spout as one {@code byte[]}, and back. Storm serializes a
 * tuple's values with Kryo when it crosses workers, and Kryo takes {@code byte[]} and boxed primitives
 * without any registration, where Kafka's record classes would need serializers of their own.
 *
 * <p>Layout, big-endian as {@link DataOutputStream} writes: a format byte ({@value #FORMAT}), the record
 * count as an {@code int}, then per record its offset and timestamp as {@code long}s, its key and value
 * (an {@code int} length, {@code -1} for {@code null}, then the bytes), its header count as an {@code int}
 * and per header its key (length and UTF-8 bytes) and value (length, {@code -1} for {@code null}, and
 * bytes). Decoding what {@link #encode} or {@link #encodeConsumed} wrote gives the records back equal,
 * in their order.
 */
public final class RecordBatch {

    /** The format this class writes and reads; anything else is refused. */
    public static final byte FORMAT = 1;

    private static final int NULL = -1;

    private RecordBatch() {
    }

    /** Encodes records (of one partition, in their order). */
    public static byte[] encode(List<BatchRecord> records) {
        BatchOutput out = new BatchOutput(records.size());
        for (BatchRecord record : records) {
            out.record(record.offset(), record.timestamp(), record.key(), record.value(), record.headers().size());
            for (BatchRecord.Header header : record.headers()) {
                out.header(header.key(), header.value());
            }
        }
        return out.bytes();
    }

    /** Encodes records as the consumer gave them (of one partition, in their order). */
    public static byte[] encodeConsumed(List<ConsumerRecord<byte[], byte[]>> records) {
        BatchOutput out = new BatchOutput(records.size());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Header[] headers = record.headers().toArray();
            out.record(record.offset(), record.timestamp(), record.key(), record.value(), headers.length);
            for (Header header : headers) {
                out.header(header.key(), header.value());
            }
        }
        return out.bytes();
    }

    /**
     * Decodes a batch.
     *
     * @throws IllegalArgumentException if the bytes are not a batch of this format
     */
    public static List<BatchRecord> decode(byte[] batch) {
        ByteBuffer in = ByteBuffer.wrap(batch);
        try {
            byte format = in.get();
            if (format != FORMAT) {
                throw new IllegalArgumentException("not a record batch of format " + FORMAT + ": format " + format);
            }
            int count = count(in, "record");
            List<BatchRecord> records = new ArrayList<>(Math.min(count, in.remaining()));
            for (int i = 0; i < count; i++) {
                long offset = in.getLong();
                long timestamp = in.getLong();
                byte[] key = bytes(in);
                byte[] value = bytes(in);
                int headerCount = count(in, "header");
                List<BatchRecord.Header> headers = new ArrayList<>(Math.min(headerCount, in.remaining()));
                for (int h = 0; h < headerCount; h++) {
                    byte[] headerKey = bytes(in);
                    if (headerKey == null) {
                        throw new IllegalArgumentException("a header without a key in record " + i);
                    }
                    headers.add(new BatchRecord.Header(new String(headerKey, StandardCharsets.UTF_8), bytes(in)));
                }
                records.add(new BatchRecord(offset, timestamp, key, value, headers));
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " bytes after the last record of the batch");
            }
            return records;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("a record batch cut short at byte " + batch.length, e);
        }
    }

    private static int count(ByteBuffer in, String what) {
        int count = in.getInt();
        if (count < 0) {
            throw new IllegalArgumentException("a " + what + " count of " + count);
        }
        return count;
    }

    private static byte[] bytes(ByteBuffer in) {
        int length = in.getInt();
        if (length == NULL) {
            return null;
        }
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("a length of " + length + " with " + in.remaining() + " bytes left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** The writing side of the layout, shared by both kinds of input. */
    private static final class BatchOutput {

        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        private final DataOutputStream out = new DataOutputStream(buffer);

        BatchOutput(int count) {
            try {
                out.writeByte(FORMAT);
                out.writeInt(count);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void record(long offset, long timestamp, byte[] key, byte[] value, int headerCount) {
            try {
                out.writeLong(offset);
                out.writeLong(timestamp);
                writeBytes(key);
                writeBytes(value);
                out.writeInt(headerCount);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void header(String key, byte[] value) {
            try {
                writeBytes(key.getBytes(StandardCharsets.UTF_8));
                writeBytes(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        byte[] bytes() {
            return buffer.toByteArray();
        }

        private void writeBytes(byte[] bytes) throws IOException {
            if (bytes == null) {
                out.writeInt(NULL);
            } else {
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }
}
