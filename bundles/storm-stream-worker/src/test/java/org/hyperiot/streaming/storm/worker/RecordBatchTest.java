package org.hyperiot.streaming.storm.worker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class RecordBatchTest {

    @Test
    void consumedRecordsComeBackWithTheirKeysValuesTimestampsAndHeadersInOrderDuplicatesKept() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(new RecordHeader("trace", "1".getBytes(UTF_8)));
        headers.add(new RecordHeader("trace", "2".getBytes(UTF_8)));
        headers.add(new RecordHeader("empty", null));
        headers.add(new RecordHeader("città", new byte[0]));
        ConsumerRecord<byte[], byte[]> withHeaders = new ConsumerRecord<>("t", 0, 41, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, 1, 2, "k".getBytes(UTF_8), "v".getBytes(UTF_8), headers, Optional.empty());
        ConsumerRecord<byte[], byte[]> tombstone = new ConsumerRecord<>("t", 0, 43, "k".getBytes(UTF_8), null);
        ConsumerRecord<byte[], byte[]> keyless = new ConsumerRecord<>("t", 0, 44, null, new byte[] {0, -1, 7});

        List<BatchRecord> decoded = RecordBatch.decode(RecordBatch.encodeConsumed(List.of(withHeaders, tombstone, keyless)));

        assertThat(decoded).containsExactly(
                new BatchRecord(41, 1_700_000_000_000L, "k".getBytes(UTF_8), "v".getBytes(UTF_8), List.of(
                        new BatchRecord.Header("trace", "1".getBytes(UTF_8)),
                        new BatchRecord.Header("trace", "2".getBytes(UTF_8)),
                        new BatchRecord.Header("empty", null),
                        new BatchRecord.Header("città", new byte[0]))),
                new BatchRecord(43, tombstone.timestamp(), "k".getBytes(UTF_8), null, List.of()),
                new BatchRecord(44, keyless.timestamp(), null, new byte[] {0, -1, 7}, List.of()));
        assertThat(decoded.get(0).headers().get(3).value()).as("empty is not null").isEmpty();
    }

    @Test
    void bothEncodersWriteTheSameBytes() {
        ConsumerRecord<byte[], byte[]> consumed = new ConsumerRecord<>("t", 3, 9, "k".getBytes(UTF_8), "v".getBytes(UTF_8));
        BatchRecord record = new BatchRecord(9, consumed.timestamp(), "k".getBytes(UTF_8), "v".getBytes(UTF_8), List.of());

        assertThat(RecordBatch.encodeConsumed(List.of(consumed))).isEqualTo(RecordBatch.encode(List.of(record)));
        assertThat(RecordBatch.decode(RecordBatch.encode(List.of()))).isEmpty();
    }

    @Test
    void bytesThatAreNotABatchAreRefused() {
        byte[] batch = RecordBatch.encode(List.of(new BatchRecord(1, 2, new byte[10], null, List.of())));

        assertThatThrownBy(() -> RecordBatch.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordBatch.decode(Arrays.copyOf(batch, batch.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecordBatch.decode(Arrays.copyOf(batch, batch.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the last record");
        byte[] otherFormat = batch.clone();
        otherFormat[0] = 2;
        assertThatThrownBy(() -> RecordBatch.decode(otherFormat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format");
        byte[] hugeCount = batch.clone();
        hugeCount[1] = 0x7f;
        assertThatThrownBy(() -> RecordBatch.decode(hugeCount)).isInstanceOf(IllegalArgumentException.class);
    }
}
