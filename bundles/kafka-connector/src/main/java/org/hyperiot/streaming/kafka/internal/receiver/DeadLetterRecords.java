package org.hyperiot.streaming.kafka.internal.receiver;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter copy of a record a receiver kept failing on: same key, value, timestamp and
 * headers, plus headers saying why and where it came from.
 */
final class DeadLetterRecords {

    static final String ERROR_CLASS = "hyperiot.error.class";
    static final String ERROR_MESSAGE = "hyperiot.error.message";
    static final String SOURCE_TOPIC = "hyperiot.source.topic";
    static final String SOURCE_PARTITION = "hyperiot.source.partition";
    static final String SOURCE_OFFSET = "hyperiot.source.offset";

    private DeadLetterRecords() {
    }

    static ProducerRecord<byte[], byte[]> of(ConsumerRecord<byte[], byte[]> failed, Throwable error, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : failed.headers()) {
            headers.add(header.key(), header.value());
        }
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(ERROR_MESSAGE, utf8(error.getMessage() == null ? "" : error.getMessage()));
        headers.add(SOURCE_TOPIC, utf8(failed.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(failed.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(failed.offset())));
        // A negative timestamp means the record has none; Kafka then stamps the dead letter itself.
        Long timestamp = failed.timestamp() < 0 ? null : failed.timestamp();
        return new ProducerRecord<>(topic, null, timestamp, failed.key(), failed.value(), headers);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
