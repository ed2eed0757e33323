package org.hyperiot.streaming.runtime.kafka;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.ValueFormat;

/**
 * Turns what the task of one source partition produces into Kafka records for the sink, late-record
 * and dead-letter topics, with the headers SPEC §4 promises, and hands them to the guarantee's
 * protocol tagged with that partition. An output that keeps the key of the record being processed
 * gets the key's bytes as they were read (a record keeps its Kafka key until {@code keyBy}), rather
 * than the bytes of its decoded text.
 */
public final class PartitionOutput implements TaskOutput {

    private final TopicPartition source;
    private final StreamDefinition definition;
    private final ValueFormat sinkFormat;
    private final DeliveryProtocol protocol;
    /** How records cross the repartition, for a task of a stream that has one; else {@code null}. */
    private final RepartitionRecords repartition;
    private final ValueFormat sourceFormat;
    /** The key of the source record being processed, as the task sees it, and its bytes as read. */
    private String sourceKey;
    private byte[] sourceKeyBytes;

    PartitionOutput(TopicPartition source, StreamDefinition definition, DeliveryProtocol protocol) {
        this(source, definition, protocol, null);
    }

    /**
     * The output of the task of {@code source}, handing its records to {@code protocol}.
     *
     * @param repartition how records cross the stream's repartition, or {@code null} if it has none
     */
    public PartitionOutput(TopicPartition source, StreamDefinition definition, DeliveryProtocol protocol,
            RepartitionRecords repartition) {
        this.source = source;
        this.definition = definition;
        this.sinkFormat = ValueFormat.of(definition.sink().format());
        this.sourceFormat = ValueFormat.of(definition.source().format());
        this.protocol = protocol;
        this.repartition = repartition;
    }

    /**
     * The task is about to process a record with this key ({@code null}, {@code null} once it is
     * done): outputs that keep that very key are sent with {@code keyBytes}.
     */
    public void processing(String key, byte[] keyBytes) {
        sourceKey = key;
        sourceKeyBytes = keyBytes;
    }

    @Override
    public void result(StreamRecord record) {
        RecordHeaders headers = null;
        if (!record.headers().isEmpty()) {
            RecordHeaders given = new RecordHeaders();
            record.headers().forEach((name, value) -> given.add(name, value.getBytes(StandardCharsets.UTF_8)));
            headers = given;
        }
        protocol.emit(source, new ProducerRecord<>(definition.sink().topic(), null, record.timestamp(),
                key(record.key()), sinkFormat.encode(record.value()), headers));
    }

    @Override
    public void repartition(SourceRecord from, StreamRecord record) {
        protocol.emit(source, repartition.routed(from, key(record.key()), sourceFormat.encode(record.value()),
                record.timestamp()));
    }

    @Override
    public void progress(SourcePartition partition, long maxEventTime, boolean idle) {
        for (ProducerRecord<byte[], byte[]> marker : repartition.progress(partition, maxEventTime, idle)) {
            protocol.emit(source, marker);
        }
    }

    @Override
    public void late(LateRecord late) {
        RecordHeaders headers = sourceHeaders(late.source());
        headers.add("hyperiot.late.reason", bytes(late.reason()));
        headers.add("hyperiot.late.watermark", bytes(Long.toString(late.watermark())));
        protocol.emit(source, new ProducerRecord<>(definition.lateRecords().topic(), null, late.source().timestamp(),
                key(late.source().key()), late.source().payload(), headers));
    }

    @Override
    public void deadLetter(DeadLetterRecord deadLetter) {
        RecordHeaders headers = sourceHeaders(deadLetter.source());
        headers.add("hyperiot.error.class", bytes(deadLetter.errorClass()));
        headers.add("hyperiot.error.message", bytes(deadLetter.errorMessage() == null ? "" : deadLetter.errorMessage()));
        protocol.emit(source, new ProducerRecord<>(definition.deadLetter().topic(), null, deadLetter.source().timestamp(),
                key(deadLetter.source().key()), deadLetter.source().payload(), headers));
    }

    /**
     * The headers of a late record or dead letter: the record's own, exactly as read (order, duplicates
     * and bytes kept), then where it was read. A routed record names the source record it was made of,
     * not its place in the repartition topic.
     */
    private RecordHeaders sourceHeaders(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        String topic = record.topic();
        int partition = record.partition().partition();
        long offset = record.offset();
        if (record.attachment() instanceof Headers read) {
            for (Header header : read) {
                if (record.origin() == null || !RepartitionRecords.ORIGIN.equals(header.key())) {
                    headers.add(header);
                }
            }
            if (record.origin() != null) {
                RepartitionRecords.SourceCoordinates origin = repartition.sourceOf(read);
                topic = origin.topic();
                partition = origin.partition();
                offset = origin.offset();
            }
        } else {
            record.headers().forEach((name, value) -> headers.add(name, bytes(value)));
        }
        headers.add("hyperiot.source.topic", bytes(topic));
        headers.add("hyperiot.source.partition", bytes(Integer.toString(partition)));
        headers.add("hyperiot.source.offset", bytes(Long.toString(offset)));
        headers.add("hyperiot.stream", bytes(definition.name()));
        return headers;
    }

    private byte[] key(String key) {
        // Identity, not equality: only the key object the record was given is known to come from those bytes.
        return key != null && key == sourceKey ? sourceKeyBytes : bytes(key);
    }

    private static byte[] bytes(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }
}
