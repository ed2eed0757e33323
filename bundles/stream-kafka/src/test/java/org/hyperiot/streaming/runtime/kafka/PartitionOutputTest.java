package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

/** Late records and dead letters leave with their headers exactly as read, then the hyperiot.* ones. */
class PartitionOutputTest {

    private static final StreamDefinition DEFINITION = new StreamDefinitionReader().read("""
            {"name":"s","source":{"topics":["in"]},
             "pipeline":[{"op":"keyBy","field":"site"},
               {"op":"window","type":"tumbling","size":"1s","aggregate":[{"fn":"count","as":"n"}]}],
             "sink":{"topic":"out"},"lateRecords":{"topic":"late"},"deadLetter":{"topic":"dlq"}}""");

    private final List<ProducerRecord<byte[], byte[]>> emitted = new ArrayList<>();
    private final DeliveryProtocol protocol = (DeliveryProtocol) Proxy.newProxyInstance(
            DeliveryProtocol.class.getClassLoader(), new Class<?>[] {DeliveryProtocol.class},
            (proxy, method, arguments) -> {
                if (method.getName().equals("emit")) {
                    @SuppressWarnings("unchecked")
                    ProducerRecord<byte[], byte[]> record = (ProducerRecord<byte[], byte[]>) arguments[1];
                    emitted.add(record);
                }
                return null;
            });

    private static RecordHeaders readHeaders() {
        RecordHeaders read = new RecordHeaders();
        read.add("c", bytes("1"));
        read.add("a", bytes("2"));
        read.add("b", new byte[] {(byte) 0xfe, 0x00});
        read.add("a", bytes("4"));
        return read;
    }

    @Test
    void aLateRecordKeepsItsHeadersInOrderWithDuplicatesAndBytes() {
        PartitionOutput output = new PartitionOutput(new TopicPartition("in", 2), DEFINITION, protocol);
        SourceRecord source = SourceRecord.ofPayload(new SourcePartition("in", 2), 7, "d1", bytes("{}"), 5,
                Map.of("a", "4", "b", "?", "c", "1"), readHeaders());

        output.late(new LateRecord(source, new StreamRecord("d1", Map.of(), 5, Map.of()), 9_000, "too late"));

        assertThat(names(emitted.get(0))).containsExactly("c", "a", "b", "a", "hyperiot.source.topic",
                "hyperiot.source.partition", "hyperiot.source.offset", "hyperiot.stream", "hyperiot.late.reason",
                "hyperiot.late.watermark");
        assertThat(emitted.get(0).headers().toArray()[2].value()).containsExactly((byte) 0xfe, 0x00);
        assertThat(text(emitted.get(0), "hyperiot.source.offset")).isEqualTo("7");
    }

    @Test
    void aDeadLetterOfTheWindowingStageNamesTheSourceRecordItWasMadeOf() {
        StreamLayout layout = new StreamLayout(Map.of("in", 3), "hyperiot-stream-s-repartition", 2);
        RepartitionRecords repartition = new RepartitionRecords(layout);
        SourceRecord read = SourceRecord.ofPayload(new SourcePartition("in", 1), 41, "d1", bytes("{}"), 5,
                Map.of(), readHeaders());
        ProducerRecord<byte[], byte[]> routed = repartition.routed(read, bytes("north"), bytes("{}"), 5);
        ConsumerRecord<byte[], byte[]> received = new ConsumerRecord<>(routed.topic(), routed.partition(), 3, 5,
                TimestampType.CREATE_TIME, 0, 0, routed.key(), routed.value(), routed.headers(), Optional.empty());
        SourceRecord atTheWindow = repartition.read(new SourcePartition(routed.topic(), routed.partition()), received);
        PartitionOutput output = new PartitionOutput(new TopicPartition(routed.topic(), routed.partition()),
                DEFINITION, protocol, repartition);

        output.deadLetter(DeadLetterRecord.of(atTheWindow, new IllegalStateException("aggregator failed")));

        ProducerRecord<byte[], byte[]> letter = emitted.get(0);
        assertThat(letter.topic()).isEqualTo("dlq");
        assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("north");
        assertThat(names(letter)).containsExactly("c", "a", "b", "a", "hyperiot.source.topic",
                "hyperiot.source.partition", "hyperiot.source.offset", "hyperiot.stream", "hyperiot.error.class",
                "hyperiot.error.message");
        assertThat(text(letter, "hyperiot.source.topic")).isEqualTo("in");
        assertThat(text(letter, "hyperiot.source.partition")).isEqualTo("1");
        assertThat(text(letter, "hyperiot.source.offset")).isEqualTo("41");
    }

    private static List<String> names(ProducerRecord<byte[], byte[]> record) {
        List<String> names = new ArrayList<>();
        for (Header header : record.headers()) {
            names.add(header.key());
        }
        return names;
    }

    private static String text(ProducerRecord<byte[], byte[]> record, String header) {
        return new String(record.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
