package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonNodeSerdeTest {

    static final String READING = "{\"deviceId\":\"d0042\",\"site\":\"plant-3\",\"seq\":17,\"ts\":1764000000123,"
            + "\"temp\":21.37,\"humidity\":40.2,\"battery\":3.71}";

    private final JsonNodeSerde serde = new JsonNodeSerde();

    static JsonNode parse(String json) {
        return new JsonNodeSerde().deserializer().deserialize("telemetry", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aReadingIsWrittenBackAsItWasRead() {
        JsonNode reading = parse(READING);

        byte[] written = serde.serializer().serialize("telemetry", reading);

        assertThat(new String(written, StandardCharsets.UTF_8)).isEqualTo(READING);
        assertThat(reading.get("ts").longValue()).isEqualTo(1764000000123L);
    }

    @Test
    void tombstonesPassThrough() {
        assertThat(serde.serializer().serialize("telemetry", null)).isNull();
        assertThat(serde.deserializer().deserialize("telemetry", null)).isNull();
    }

    @Test
    void bytesThatAreNotJsonFailAsASerializationError() {
        byte[] garbage = "{\"deviceId\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> serde.deserializer().deserialize("telemetry", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("telemetry");
    }
}
