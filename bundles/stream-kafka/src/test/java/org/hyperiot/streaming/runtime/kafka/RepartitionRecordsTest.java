package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.junit.jupiter.api.Test;

/** Routed records and progress markers read back as the routing stage wrote them. */
class RepartitionRecordsTest {

    private static final StreamLayout LAYOUT = new StreamLayout(sources(), "hyperiot-stream-s-repartition", 3);
    private final RepartitionRecords records = new RepartitionRecords(LAYOUT);

    private static Map<String, Integer> sources() {
        Map<String, Integer> sources = new LinkedHashMap<>();
        sources.put("a", 2);
        sources.put("b", 4);
        return sources;
    }

    @Test
    void aRoutedRecordKeepsItsHeadersAsReadAndNamesItsOrigin() {
        RecordHeaders read = new RecordHeaders();
        read.add("c", bytes("1"));
        read.add("a", bytes("2"));
        read.add("b", new byte[] {(byte) 0xff, 0});
        read.add("a", bytes("4"));
        SourceRecord source = SourceRecord.ofPayload(new SourcePartition("b", 3), 41, "dev", bytes("{}"), 7,
                Map.of("a", "4"), read);

        ProducerRecord<byte[], byte[]> sent = records.routed(source, bytes("north"), bytes("{\"x\":1}"), 5_000);
        SourceRecord back = records.read(new SourcePartition(LAYOUT.repartitionTopic(), sent.partition()),
                received(sent, 9));

        assertThat(sent.partition()).isEqualTo(records.partitionOf(bytes("north")));
        assertThat(sent.timestamp()).isEqualTo(5_000);
        assertThat(back.origin()).isEqualTo(new SourcePartition("b", 3));
        assertThat(back.timestamp()).isEqualTo(5_000);
        assertThat(back.key()).isEqualTo("north");
        assertThat(back.isProgress()).isFalse();
        assertThat(back.headers()).doesNotContainKey(RepartitionRecords.ORIGIN).containsEntry("c", "1");
        RepartitionRecords.SourceCoordinates coordinates = records.sourceOf(sent.headers());
        assertThat(coordinates).isEqualTo(new RepartitionRecords.SourceCoordinates("b", 3, 41));
        List<String> names = new ArrayList<>();
        for (Header header : sent.headers()) {
            names.add(header.key());
        }
        assertThat(names).containsExactly("c", "a", "b", "a", RepartitionRecords.ORIGIN);
        assertThat(sent.headers().toArray()[2].value()).containsExactly((byte) 0xff, 0);
    }

    @Test
    void aNegativeEventTimeTravelsInTheOriginHeaderAlone() {
        SourceRecord source = SourceRecord.ofPayload(new SourcePartition("a", 0), 0, null, null, 0, null);

        ProducerRecord<byte[], byte[]> sent = records.routed(source, null, null, -86_400_000L);

        assertThat(sent.timestamp()).isNull();
        assertThat(sent.partition()).isZero();
        assertThat(records.read(new SourcePartition(LAYOUT.repartitionTopic(), 0), received(sent, 0)).timestamp())
                .isEqualTo(-86_400_000L);
    }

    @Test
    void progressGoesToEveryPartitionAndReadsBackAsAMarker() {
        List<ProducerRecord<byte[], byte[]>> markers = records.progress(new SourcePartition("a", 1), 12_345, true);

        assertThat(markers).extracting(ProducerRecord::partition).containsExactly(0, 1, 2);
        SourceRecord back = records.read(new SourcePartition(LAYOUT.repartitionTopic(), 2), received(markers.get(2), 3));
        assertThat(back.isProgress()).isTrue();
        assertThat(back.origin()).isEqualTo(new SourcePartition("a", 1));
        assertThat(back.timestamp()).isEqualTo(12_345);
        assertThat(back.isOriginIdle()).isTrue();
        SourceRecord none = records.read(new SourcePartition(LAYOUT.repartitionTopic(), 0),
                received(records.progress(new SourcePartition("b", 0), Long.MIN_VALUE, false).get(0), 4));
        assertThat(none.timestamp()).isEqualTo(Long.MIN_VALUE);
        assertThat(none.isOriginIdle()).isFalse();
    }

    @Test
    void aPartitionAddedToASourceTopicLaterIsStillAnOrigin() {
        SourceRecord source = SourceRecord.ofPayload(new SourcePartition("a", 5), 0, null, null, 0, null);

        SourceRecord back = records.read(new SourcePartition(LAYOUT.repartitionTopic(), 0),
                received(records.routed(source, null, null, 1), 0));

        assertThat(back.origin()).isEqualTo(new SourcePartition("a", 5));
    }

    @Test
    void aRecordNotWrittenByTheRoutingStageIsRefusedByName() {
        ConsumerRecord<byte[], byte[]> stranger = new ConsumerRecord<>(LAYOUT.repartitionTopic(), 1, 17, 0,
                TimestampType.CREATE_TIME, 0, 0, bytes("k"), bytes("v"), new RecordHeaders(), Optional.empty());

        assertThatThrownBy(() -> records.read(new SourcePartition(LAYOUT.repartitionTopic(), 1), stranger))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("repartition-1@17");
    }

    @Test
    void keysSpreadAsKafkasDefaultPartitionerWouldPlaceThem() {
        // murmur2 of "north" modulo 3, as Kafka's BuiltInPartitioner computes it for a keyed record.
        int expected = org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(bytes("north"))) % 3;
        assertThat(records.partitionOf(bytes("north"))).isEqualTo(expected);
        assertThat(records.partitionOf(null)).isZero();
    }

    private static ConsumerRecord<byte[], byte[]> received(ProducerRecord<byte[], byte[]> sent, long offset) {
        return new ConsumerRecord<>(sent.topic(), sent.partition(), offset,
                sent.timestamp() == null ? 0 : sent.timestamp(), TimestampType.CREATE_TIME, 0, 0, sent.key(),
                sent.value(), sent.headers(), Optional.empty());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
