package org.hyperiot.streaming.example.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.jupiter.api.Test;

class CelsiusToKelvinTest {

    /** A stream with the processor configured by {@code config}, writing failures to a dead-letter topic. */
    private static StreamTestDriver driver(String config) {
        String definition = """
            {
              "name": "kelvin",
              "source": { "topics": ["telemetry"], "eventTime": { "field": "ts" } },
              "pipeline": [ { "op": "processor", "name": "celsius-to-kelvin", "config": %s } ],
              "sink": { "topic": "telemetry-kelvin" },
              "deadLetter": { "topic": "telemetry-dlq" }
            }
            """.formatted(config);
        return StreamTestDriver.builder(definition).processor(CelsiusToKelvin.NAME, CelsiusToKelvin::new).build();
    }

    @Test
    void convertsTheTempMemberInPlaceByDefault() {
        try (StreamTestDriver driver = driver("{}")) {
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 1000, \"temp\": 21.5}", 1000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 2000, \"temp\": -10}", 2000);

            assertThat(driver.readOutput()).containsExactly(
                    StreamRecord.of("d17", Map.of("deviceId", "d17", "ts", 1000L, "temp", 21.5 + 273.15), 1000),
                    StreamRecord.of("d17", Map.of("deviceId", "d17", "ts", 2000L, "temp", -10 + 273.15), 2000));
            assertThat(driver.readDeadLetters()).isEmpty();
        }
    }

    @Test
    void writesKelvinToTheTargetAndKeepsCelsius() {
        try (StreamTestDriver driver = driver("{\"field\": \"temperature\", \"target\": \"temperatureK\"}")) {
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 1000, \"temperature\": 0}", 1000);

            assertThat(driver.readOutputValues()).containsExactly(
                    Map.of("deviceId", "d17", "ts", 1000L, "temperature", 0L, "temperatureK", 273.15));
        }
    }

    @Test
    void aRecordWithoutTheMemberPassesUnchanged() {
        try (StreamTestDriver driver = driver("{\"target\": \"tempK\"}")) {
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 1000, \"humidity\": 40}", 1000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 2000, \"temp\": null}", 2000);

            List<Object> values = driver.readOutputValues();
            assertThat(values).hasSize(2);
            assertThat(values.get(0)).isEqualTo(Map.of("deviceId", "d17", "ts", 1000L, "humidity", 40L));
            Map<String, Object> nullReading = new HashMap<>(Map.of("deviceId", "d17", "ts", 2000L));
            nullReading.put("temp", null);
            assertThat(values.get(1)).isEqualTo(nullReading);
            assertThat(driver.readDeadLetters()).isEmpty();
        }
    }

    @Test
    void aNonNumericReadingIsDeadLetteredAndTheStreamGoesOn() {
        try (StreamTestDriver driver = driver("{}")) {
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 1000, \"temp\": \"warm\"}", 1000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 2000, \"temp\": -300}", 2000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 3000, \"temp\": 20}", 3000);

            List<DeadLetterRecord> dead = driver.readDeadLetters();
            assertThat(dead).extracting(d -> d.source().offset()).containsExactly(0L, 1L);
            assertThat(dead).extracting(DeadLetterRecord::errorClass)
                    .containsOnly(IllegalArgumentException.class.getName());
            assertThat(dead).extracting(DeadLetterRecord::errorMessage).containsExactly(
                    "celsius-to-kelvin: 'temp' is not a number: \"warm\"",
                    "celsius-to-kelvin: 'temp' is below absolute zero: -300");
            assertThat(driver.readOutputValues()).containsExactly(
                    Map.of("deviceId", "d17", "ts", 3000L, "temp", 20 + 273.15));
        }
    }

    @Test
    void anUnknownConfigKeyStopsTheTaskFromStarting() {
        assertThatThrownBy(() -> driver("{\"feild\": \"temperature\"}"))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("celsius-to-kelvin: unknown config key 'feild' (expected field, target)");
    }

    @Test
    void aFieldThatIsNotAStringStopsTheTaskFromStarting() {
        assertThatThrownBy(() -> driver("{\"field\": 42}"))
                .rootCause()
                .hasMessage("celsius-to-kelvin: config 'field' must be a non-empty string, got 42");
    }
}
