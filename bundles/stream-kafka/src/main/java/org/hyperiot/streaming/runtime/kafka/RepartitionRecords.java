package org.hyperiot.streaming.runtime.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;

/**
 * The records of a stream's repartition topic, both ways. A routed record keeps the source record's
 * headers, in order, and appends {@value #ORIGIN}: the source topic (by its position in the
 * definition), partition and offset it was read from, and its event time, which the windowing stage
 * counts towards that partition's watermark. A progress marker has no key and no value, and the header
 * {@value #PROGRESS}: a source partition, the highest event time read from it, and whether it is idle. Records go to the
 * partition their key hashes to, as Kafka's default partitioner would put them (murmur2), so the
 * placement does not depend on a producer setting.
 */
public final class RepartitionRecords {

    /** Header of a routed record: where it was read and its event time. */
    static final String ORIGIN = "hyperiot.origin";
    /** Header of a progress marker: a source partition and the highest event time read from it. */
    static final String PROGRESS = "hyperiot.progress";
    private static final int ORIGIN_BYTES = Short.BYTES + Integer.BYTES + Long.BYTES + Long.BYTES;
    private static final int PROGRESS_BYTES = Short.BYTES + Integer.BYTES + Long.BYTES + Byte.BYTES;

    private final StreamLayout layout;
    private final String topic;
    private final int partitions;
    /** The origins by topic position and partition, so that reading a record allocates none. */
    private final SourcePartition[][] origins;

    /** The records of the repartition topic of a stream laid out as {@code layout}. */
    public RepartitionRecords(StreamLayout layout) {
        this.layout = layout;
        this.topic = layout.repartitionTopic();
        this.partitions = layout.repartitionPartitions();
        List<Integer> counts = List.copyOf(layout.sourcePartitions().values());
        this.origins = new SourcePartition[counts.size()][];
        int t = 0;
        for (String source : layout.sourcePartitions().keySet()) {
            origins[t] = new SourcePartition[counts.get(t)];
            for (int p = 0; p < counts.get(t); p++) {
                origins[t][p] = new SourcePartition(source, p);
            }
            t++;
        }
    }

    /** The partition of the repartition topic a key goes to. */
    int partitionOf(byte[] key) {
        return key == null ? 0 : Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /**
     * A routed record: the new key and the encoded value, the source record's headers and the origin.
     * A negative event time cannot be a Kafka timestamp, so the record then gets the time of sending;
     * the event time read back is always the one in the origin header.
     */
    ProducerRecord<byte[], byte[]> routed(SourceRecord source, byte[] key, byte[] value, long eventTime) {
        RecordHeaders headers = new RecordHeaders();
        if (source.attachment() instanceof Headers read) {
            for (Header header : read) {
                headers.add(header);
            }
        } else {
            source.headers().forEach((name, text) -> headers.add(name, text.getBytes(StandardCharsets.UTF_8)));
        }
        headers.add(ORIGIN, ByteBuffer.allocate(ORIGIN_BYTES).putShort((short) layout.topicIndex(source.topic()))
                .putInt(source.partition().partition()).putLong(source.offset()).putLong(eventTime).array());
        return new ProducerRecord<>(topic, partitionOf(key), eventTime < 0 ? null : eventTime, key, value, headers);
    }

    /** The progress markers of one source partition, one for each repartition partition. */
    List<ProducerRecord<byte[], byte[]>> progress(SourcePartition source, long maxEventTime, boolean idle) {
        byte[] marker = ByteBuffer.allocate(PROGRESS_BYTES).putShort((short) layout.topicIndex(source.topic()))
                .putInt(source.partition()).putLong(maxEventTime).put((byte) (idle ? 1 : 0)).array();
        ProducerRecord<byte[], byte[]>[] records = newArray(partitions);
        for (int p = 0; p < partitions; p++) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(PROGRESS, marker);
            records[p] = new ProducerRecord<>(topic, p, maxEventTime < 0 ? null : maxEventTime, null, null, headers);
        }
        return List.of(records);
    }

    @SuppressWarnings("unchecked")
    private static ProducerRecord<byte[], byte[]>[] newArray(int size) {
        return new ProducerRecord[size];
    }

    /**
     * A record read from the repartition topic, for the windowing stage: a progress marker, or a routed
     * record whose headers for the engine leave out the origin. Its attachment is the record's Kafka
     * headers, origin included, from which a late record or dead letter is rebuilt.
     *
     * @throws IllegalStateException for a record that neither stage of this stream wrote
     */
    public SourceRecord read(SourcePartition partition, ConsumerRecord<byte[], byte[]> record) {
        Header[] headers = record.headers().toArray();
        Header last = headers.length == 0 ? null : headers[headers.length - 1];
        if (last != null && PROGRESS.equals(last.key())) {
            ByteBuffer marker = ByteBuffer.wrap(last.value());
            SourcePartition origin = origin(marker.getShort(), marker.getInt(), record);
            return SourceRecord.progress(partition, record.offset(), origin, marker.getLong(), marker.get() == 1);
        }
        if (last == null || !ORIGIN.equals(last.key()) || last.value() == null || last.value().length != ORIGIN_BYTES) {
            throw new IllegalStateException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " was not written by this stream's routing stage");
        }
        ByteBuffer from = ByteBuffer.wrap(last.value());
        SourcePartition origin = origin(from.getShort(), from.getInt(), record);
        from.getLong(); // the source offset, read again only for a late record or dead letter
        long eventTime = from.getLong();
        Map<String, String> engineHeaders = Map.of();
        if (headers.length > 1) {
            engineHeaders = new HashMap<>();
            for (int i = 0; i < headers.length - 1; i++) {
                engineHeaders.put(headers[i].key(),
                        headers[i].value() == null ? "" : new String(headers[i].value(), StandardCharsets.UTF_8));
            }
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        return SourceRecord.routed(partition, record.offset(), key, record.value(), eventTime, origin, engineHeaders,
                record.headers());
    }

    private SourcePartition origin(int topicIndex, int sourcePartition, ConsumerRecord<byte[], byte[]> record) {
        if (topicIndex >= 0 && topicIndex < origins.length && sourcePartition >= 0
                && sourcePartition < origins[topicIndex].length) {
            return origins[topicIndex][sourcePartition];
        }
        // A source topic that gained partitions since this node started the stream.
        String source = layout.topicAt(topicIndex);
        if (source == null) {
            throw new IllegalStateException("record " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " names source topic #" + topicIndex + ", which the stream does not have");
        }
        return new SourcePartition(source, sourcePartition);
    }

    /**
     * Where a routed record was first read, for the headers of a late record or dead letter the
     * windowing stage makes of it: its headers without the origin, then the source topic, partition
     * and offset.
     */
    SourceCoordinates sourceOf(Headers headers) {
        Header origin = headers.lastHeader(ORIGIN);
        ByteBuffer from = ByteBuffer.wrap(origin.value());
        String source = layout.topicAt(from.getShort());
        int partition = from.getInt();
        long offset = from.getLong();
        return new SourceCoordinates(source, partition, offset);
    }

    /** A record's place in a source topic. */
    record SourceCoordinates(String topic, int partition, long offset) {
    }
}
