package org.hyperiot.streaming.example.telemetry.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.junit.jupiter.api.Test;

/** Runs the stream definition of README.md, read from the file, so that the README stays true. */
class ReadmeStreamTest {

    private static String readmeDefinition() throws IOException {
        // Surefire runs in the module folder, where README.md lives.
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## A stream using the processors");
        int start = readme.indexOf("```json\n", section) + "```json\n".length();
        int end = readme.indexOf("\n```", start);
        assertThat(section).as("README section").isNotNegative();
        return readme.substring(start, end);
    }

    @Test
    void theReadmeStreamTurnsOverheatingReadingsIntoAlertsKeyedByDevice() throws IOException {
        try (StreamTestDriver driver = StreamTestDriver.builder(readmeDefinition())
                .processor(CelsiusToKelvin.NAME, CelsiusToKelvin::new)
                .processor(ThresholdAlert.NAME, ThresholdAlert::new)
                .build()) {
            driver.pipeRaw("gw1", "{\"deviceId\": \"d17\", \"site\": \"north\", \"ts\": 1700000001000, \"temp\": 79.5}",
                    1_700_000_001_000L);
            driver.pipeRaw("gw1", "{\"deviceId\": \"d17\", \"site\": \"north\", \"ts\": 1700000002000, \"temp\": \"n/a\"}",
                    1_700_000_002_000L);
            driver.pipeRaw("gw1", "{\"deviceId\": \"d17\", \"site\": \"north\", \"ts\": 1700000003000, \"temp\": 85.5}",
                    1_700_000_003_000L);

            assertThat(driver.readOutput()).containsExactly(StreamRecord.of("d17", Map.of(
                    "deviceId", "d17", "site", "north", "tempK", 358.65, "field", "temp", "value", 85.5,
                    "threshold", 80L, "crossed", "above", "severity", "critical", "ts", 1_700_000_003_000L),
                    1_700_000_003_000L));
            assertThat(driver.readDeadLetters()).extracting(DeadLetterRecord::errorMessage)
                    .containsExactly("celsius-to-kelvin: 'temp' is not a number: \"n/a\"");
        }
    }
}
