package org.hyperiot.streaming.benchmark.sidebyside.storm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class PlausibleReadingProjectionTest {

    private final PlausibleReadingProjection projection = new PlausibleReadingProjection(new ObjectMapper());

    @Test
    void keepsAPlausibleReadingWithExactlyDeviceSequenceTimeAndTemperature() throws IOException {
        byte[] projected = projection.apply(bytes("{\"deviceId\":\"d0042\",\"site\":\"plant-2\",\"seq\":17,"
                + "\"ts\":1764000000123,\"temp\":21.37,\"humidity\":40.2,\"battery\":3.71,\"fw\":\"2.4.1\"}"));

        assertThat(new String(projected, StandardCharsets.UTF_8))
                .isEqualTo("{\"deviceId\":\"d0042\",\"seq\":17,\"ts\":1764000000123,\"temp\":21.37}");
    }

    @Test
    void dropsSensorFaultsAndReadingsWithoutANumericTemperature() throws IOException {
        assertThat(projection.apply(bytes("{\"deviceId\":\"d1\",\"seq\":1,\"ts\":1,\"temp\":-99.9}"))).isNull();
        assertThat(projection.apply(bytes("{\"deviceId\":\"d1\",\"seq\":1,\"ts\":1,\"temp\":-50}"))).isNull();
        assertThat(projection.apply(bytes("{\"deviceId\":\"d1\",\"seq\":1,\"ts\":1,\"temp\":\"warm\"}"))).isNull();
        assertThat(projection.apply(bytes("{\"deviceId\":\"d1\",\"seq\":1,\"ts\":1}"))).isNull();
        assertThat(projection.apply(bytes("{\"deviceId\":\"d1\",\"seq\":1,\"ts\":1,\"temp\":-49.9}"))).isNotNull();
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThatThrownBy(() -> projection.apply(bytes("{not json"))).isInstanceOf(IOException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
