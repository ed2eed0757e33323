package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventTimeExtractorTest {

    private final EventTimeExtractor extractor = new EventTimeExtractor();

    private long extract(Object value) {
        return extractor.extract(new ConsumerRecord<>("telemetry", 0, 0L, "d0042", value), 42L);
    }

    @Test
    void theEventTimeIsTheReadingsTs() {
        assertThat(extract(JsonNodeSerdeTest.parse(JsonNodeSerdeTest.READING))).isEqualTo(1764000000123L);
    }

    @Test
    void aReadingWithoutATimeIsMarkedForDropping() {
        assertThat(extract(JsonNodeSerdeTest.parse("{\"deviceId\":\"d0042\",\"temp\":21.0}"))).isNegative();
        assertThat(extract(JsonNodeSerdeTest.parse("{\"ts\":\"yesterday\"}"))).isNegative();
        assertThat(extract(null)).isNegative();
    }
}
