package org.hyperiot.streaming.kafka.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLetterRecordsTest {

    @Test
    void theDeadLetterCarriesTheRecordUnchangedPlusWhyAndWhereFrom() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace", utf8("abc"));
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>("sensors", 3, 42L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, 2, 5, utf8("k1"), utf8("hello"), headers, Optional.empty());

        ProducerRecord<byte[], byte[]> dead = DeadLetterRecords.of(failed, new IllegalArgumentException("no way"),
                "sensors.dlq");

        assertThat(dead.topic()).isEqualTo("sensors.dlq");
        assertThat(dead.partition()).isNull();
        assertThat(dead.key()).isEqualTo(utf8("k1"));
        assertThat(dead.value()).isEqualTo(utf8("hello"));
        assertThat(dead.timestamp()).isEqualTo(1_700_000_000_000L);
        assertThat(text(dead, "trace")).isEqualTo("abc");
        assertThat(text(dead, "hyperiot.error.class")).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(text(dead, "hyperiot.error.message")).isEqualTo("no way");
        assertThat(text(dead, "hyperiot.source.topic")).isEqualTo("sensors");
        assertThat(text(dead, "hyperiot.source.partition")).isEqualTo("3");
        assertThat(text(dead, "hyperiot.source.offset")).isEqualTo("42");
    }

    @Test
    void anErrorWithoutMessageAndARecordWithoutTimestampStillMakeADeadLetter() {
        ConsumerRecord<byte[], byte[]> failed = new ConsumerRecord<>("t", 0, 7L, ConsumerRecord.NO_TIMESTAMP,
                TimestampType.NO_TIMESTAMP_TYPE, -1, -1, null, null, new RecordHeaders(), Optional.empty());

        ProducerRecord<byte[], byte[]> dead = DeadLetterRecords.of(failed, new NullPointerException(), "t.dlq");

        assertThat(dead.timestamp()).isNull();
        assertThat(dead.key()).isNull();
        assertThat(text(dead, "hyperiot.error.message")).isEmpty();
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
