package org.hyperiot.streaming.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.junit.jupiter.api.Test;

/** The example of docs/testing-processors.md, kept here so that the guide stays true. */
class DocumentedExampleTest {

    /** Converts a temperature field from Celsius to Kelvin. */
    public static class CelsiusToKelvin implements StreamProcessor {

        private String field;

        @Override
        public void open(Map<String, Object> config, ProcessorContext context) {
            field = (String) config.getOrDefault("field", "temp");
        }

        @Override
        public void process(StreamRecord record, RecordCollector out) {
            Map<?, ?> value = (Map<?, ?>) record.value();
            if (!(value.get(field) instanceof Number celsius)) {
                throw new IllegalArgumentException("no numeric '" + field + "' in " + value);
            }
            Map<String, Object> converted = new LinkedHashMap<>();
            value.forEach((k, v) -> converted.put((String) k, v));
            converted.put(field, celsius.doubleValue() + 273.15);
            out.emit(record.withValue(converted));
        }
    }

    static final String DEFINITION = """
            {
              "name": "device-temp-avg",
              "source": { "topics": ["telemetry"], "eventTime": { "field": "ts" } },
              "watermark": { "maxOutOfOrderness": "2s" },
              "pipeline": [
                { "op": "processor", "name": "celsius-to-kelvin", "config": { "field": "temp" } },
                { "op": "keyBy", "field": "deviceId" },
                { "op": "window", "type": "tumbling", "size": "10s",
                  "aggregate": [ { "fn": "avg", "field": "temp", "as": "avgTemp" }, { "fn": "count", "as": "n" } ] }
              ],
              "sink": { "topic": "temp-avg" },
              "deadLetter": { "topic": "temp-dlq" }
            }
            """;

    @Test
    void averagesKelvinPerDeviceAndDeadLettersBadReadings() {
        try (StreamTestDriver driver = StreamTestDriver.builder(DEFINITION)
                .processor("celsius-to-kelvin", CelsiusToKelvin::new)
                .build()) {
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 1000, \"temp\": 20.0}", 1000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 4000, \"temp\": 22.0}", 4000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 5000, \"temp\": \"warm\"}", 5000);
            driver.pipeRaw("d17", "{\"deviceId\": \"d17\", \"ts\": 12000, \"temp\": 25.0}", 12000);

            // The watermark is 12 s - 2 s = 10 s: the window [0 s, 10 s) is complete.
            List<StreamRecord> results = driver.readOutput();
            assertThat(results).hasSize(1);
            assertThat(results.get(0).key()).isEqualTo("d17");
            assertThat(results.get(0).value()).isEqualTo(Map.of(
                    "key", "d17", "windowStart", 0L, "windowEnd", 10_000L, "avgTemp", 294.15, "n", 2L));

            List<DeadLetterRecord> dead = driver.readDeadLetters();
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).errorClass()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(dead.get(0).source().offset()).isEqualTo(2);

            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(Map.of(
                    "key", "d17", "windowStart", 10_000L, "windowEnd", 20_000L, "avgTemp", 298.15, "n", 1L));
        }
    }
}
