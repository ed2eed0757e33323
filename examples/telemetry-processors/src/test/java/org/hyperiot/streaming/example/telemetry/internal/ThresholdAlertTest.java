package org.hyperiot.streaming.example.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdAlertTest {

    /**
     * Readings arrive keyed by gateway; the stream re-keys them by device before the processor, so the
     * alerts are keyed by device.
     */
    private static StreamTestDriver driver(String config) {
        String definition = """
            {
              "name": "alerts",
              "source": { "topics": ["telemetry"], "eventTime": { "field": "ts" } },
              "pipeline": [
                { "op": "keyBy", "field": "deviceId" },
                { "op": "processor", "name": "threshold-alert", "config": %s }
              ],
              "sink": { "topic": "alerts" },
              "deadLetter": { "topic": "telemetry-dlq" }
            }
            """.formatted(config);
        return StreamTestDriver.builder(definition).processor(ThresholdAlert.NAME, ThresholdAlert::new).build();
    }

    private static String reading(String deviceId, long ts, String temp) {
        return "{\"deviceId\": \"" + deviceId + "\", \"site\": \"north\", \"ts\": " + ts + ", \"temp\": " + temp + "}";
    }

    @Test
    void aReadingAboveTheThresholdRaisesAnAlertKeyedLikeTheReading() {
        try (StreamTestDriver driver = driver("{\"field\": \"temp\", \"above\": 80}")) {
            driver.pipeRaw("gw1", reading("d17", 1000, "75.5"), 1000);
            driver.pipeRaw("gw1", reading("d17", 2000, "80"), 2000);
            driver.pipeRaw("gw1", reading("d17", 3000, "85.5"), 3000);

            assertThat(driver.readOutput()).containsExactly(StreamRecord.of("d17", Map.of(
                    "deviceId", "d17", "field", "temp", "value", 85.5, "threshold", 80L,
                    "crossed", "above", "severity", "warning", "ts", 3000L), 3000));
        }
    }

    @Test
    void aReadingBelowTheThresholdRaisesAnAlertWithTheConfiguredSeverityAndMembers() {
        try (StreamTestDriver driver = driver(
                "{\"field\": \"temp\", \"below\": 2.5, \"severity\": \"critical\", \"include\": [\"deviceId\", \"site\"]}")) {
            driver.pipeRaw("gw1", reading("d4", 1000, "2.5"), 1000);
            driver.pipeRaw("gw1", reading("d4", 2000, "-1"), 2000);

            assertThat(driver.readOutput()).containsExactly(StreamRecord.of("d4", Map.of(
                    "deviceId", "d4", "site", "north", "field", "temp", "value", -1L, "threshold", 2.5,
                    "crossed", "below", "severity", "critical", "ts", 2000L), 2000));
        }
    }

    @Test
    void withBothBoundsOnlyReadingsOutsideTheBandRaiseAlerts() {
        try (StreamTestDriver driver = driver("{\"field\": \"temp\", \"above\": 30, \"below\": 10}")) {
            for (String temp : List.of("5", "10", "20", "30", "35")) {
                driver.pipeRaw("gw1", reading("d17", 1000, temp), 1000);
            }

            assertThat(driver.readOutputValues())
                    .extracting(v -> ((Map<?, ?>) v).get("value"), v -> ((Map<?, ?>) v).get("crossed"))
                    .map(tuple -> tuple.toList())
                    .containsExactly(List.of(5L, "below"), List.of(35L, "above"));
        }
    }

    @Test
    void aReadingWithoutTheMemberRaisesNothing() {
        try (StreamTestDriver driver = driver("{\"field\": \"temp\", \"above\": 80}")) {
            driver.pipeRaw("gw1", "{\"deviceId\": \"d17\", \"ts\": 1000, \"humidity\": 99}", 1000);
            driver.pipeRaw("gw1", reading("d17", 2000, "null"), 2000);

            assertThat(driver.readOutput()).isEmpty();
            assertThat(driver.readDeadLetters()).isEmpty();
        }
    }

    @Test
    void aNonNumericReadingIsDeadLettered() {
        try (StreamTestDriver driver = driver("{\"field\": \"temp\", \"above\": 80}")) {
            driver.pipeRaw("gw1", reading("d17", 1000, "\"hot\""), 1000);
            driver.pipeRaw("gw1", reading("d17", 2000, "90"), 2000);

            List<DeadLetterRecord> dead = driver.readDeadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).source().offset()).isZero();
            assertThat(dead.get(0).source().key()).isEqualTo("gw1");
            assertThat(dead.get(0).errorClass()).isEqualTo(IllegalArgumentException.class.getName());
            assertThat(dead.get(0).errorMessage()).isEqualTo("threshold-alert: 'temp' is not a number: \"hot\"");
            assertThat(driver.readOutputValues()).hasSize(1);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
        {"field": "temp"}                              | threshold-alert: config needs 'above' or 'below' (or both) for field 'temp'
        {"above": 80}                                  | threshold-alert: config 'field' is required and must be a non-empty string, got null
        {"field": "temp", "above": "80"}               | threshold-alert: config 'above' must be a number, got "80"
        {"field": "temp", "above": 10, "below": 30}    | threshold-alert: config 'below' (30) must be less than 'above' (10), otherwise every reading would raise an alert
        {"field": "temp", "above": 80, "severity": 3}  | threshold-alert: config 'severity' must be a non-empty string, got 3
        {"field": "temp", "above": 80, "include": "x"} | threshold-alert: config 'include' must be a list of member names, got x
        {"field": "temp", "abvoe": 80}                 | threshold-alert: unknown config key 'abvoe' (expected above, below, field, include, severity)
        """)
    void anInvalidConfigStopsTheTaskFromStarting(String config, String message) {
        assertThatThrownBy(() -> driver(config))
                .hasMessageContaining("a processor failed to open")
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
