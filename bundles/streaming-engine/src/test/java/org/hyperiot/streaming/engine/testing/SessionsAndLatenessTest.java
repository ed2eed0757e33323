package org.hyperiot.streaming.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.engine.Json.object;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.definition.StreamDefinitionValidator;
import org.junit.jupiter.api.Test;

/** Issue 17, engine part: sessions at a distance of at most gap, retractions of merged sessions, late counts. */
class SessionsAndLatenessTest {

    private static StreamDefinition.Builder stream(Duration maxOutOfOrderness) {
        return StreamDefinition.builder("s")
                .source(SourceSpec.of("telemetry").withEventTime(EventTime.field("ts")))
                .watermark(maxOutOfOrderness, null)
                .keyBy("k")
                .sink("out");
    }

    private static Map<String, Object> at(String key, long ts) {
        return object("k", key, "ts", ts);
    }

    @Test
    void recordsExactlyOneGapApartShareASession() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.session(Duration.ofSeconds(5)).count("n")).build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", at("a", 46_000), 0);
            driver.pipeInput("x", at("a", 50_000), 0);
            driver.pipeInput("x", at("a", 55_000), 0);
            driver.endOfInput();

            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 46_000L, "windowEnd", 60_000L, "n", 3L));
        }
    }

    @Test
    void aSessionIsFinalOnlyOnceTheWatermarkHasPassedItsEnd() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.session(Duration.ofSeconds(5)).count("n")).build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", at("a", 0), 0);
            driver.pipeInput("x", at("b", 5_000), 0);
            // The watermark is at a's session end, and a record of a at 5000 would still join it.
            assertThat(driver.readOutput()).isEmpty();

            driver.pipeInput("x", at("b", 5_001), 0);
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 0L, "windowEnd", 5_000L, "n", 1L));
        }
    }

    @Test
    void aLateRecordMergingPublishedSessionsRetractsEachBeforeTheMergedResult() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.session(Duration.ofSeconds(5)).allowedLateness(Duration.ofMinutes(1))
                        .count("n"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", at("a", 1_000), 0);
            driver.pipeInput("x", at("a", 4_000), 0);
            driver.pipeInput("x", at("a", 12_000), 0);
            driver.pipeInput("x", at("a", 30_000), 0);
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 1_000L, "windowEnd", 9_000L, "n", 2L),
                    object("key", "a", "windowStart", 12_000L, "windowEnd", 17_000L, "n", 1L));

            // Within a gap of both published sessions: they become one.
            driver.pipeInput("x", at("a", 8_000), 0);

            List<StreamRecord> results = driver.readOutput();
            assertThat(results).extracting(StreamRecord::value).containsExactly(
                    object("key", "a", "windowStart", 1_000L, "windowEnd", 9_000L, "retracted", true),
                    object("key", "a", "windowStart", 12_000L, "windowEnd", 17_000L, "retracted", true),
                    object("key", "a", "windowStart", 1_000L, "windowEnd", 17_000L, "n", 4L));
            assertThat(results).extracting(StreamRecord::key).containsOnly("a");
            assertThat(results).extracting(StreamRecord::timestamp).containsExactly(8_999L, 16_999L, 16_999L);

            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 30_000L, "windowEnd", 35_000L, "n", 1L));
        }
    }

    @Test
    void everyUpdateRetractsTheVersionAnExtensionReplaces() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.session(Duration.ofSeconds(5)).emit(EmitMode.EVERY_UPDATE).count("n"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", at("a", 0), 0);
            driver.pipeInput("x", at("a", 3_000), 0);
            driver.pipeInput("x", at("a", 2_000), 0);

            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "a", "windowStart", 0L, "windowEnd", 5_000L, "n", 1L),
                    object("key", "a", "windowStart", 0L, "windowEnd", 5_000L, "retracted", true),
                    object("key", "a", "windowStart", 0L, "windowEnd", 8_000L, "n", 2L),
                    // Inside the session: an update of the same window, nothing to retract.
                    object("key", "a", "windowStart", 0L, "windowEnd", 8_000L, "n", 3L));
        }
    }

    @Test
    void aSessionAggregateMayNotBeCalledRetracted() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.session(Duration.ofSeconds(5)).count("retracted")).build();

        assertThat(StreamDefinitionValidator.validate(definition)).extracting(ValidationError::pointer)
                .containsExactly("/pipeline/1/aggregate/0/as");
        assertThat(StreamDefinitionValidator.validate(stream(Duration.ZERO)
                .window(WindowOperator.tumbling(Duration.ofSeconds(5)).count("retracted")).build())).isEmpty();
    }

    @Test
    void lateRecordsDroppedWithoutALateTopicAreCountedAsLate() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n")).build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", at("a", 15_000), 0);
            driver.pipeInput("x", at("a", 1_000), 0);
            driver.pipeInput("x", at("b", 2_000), 0);

            assertThat(driver.readLateRecords()).isEmpty();
            assertThat(driver.metrics().late()).isEqualTo(2);
            assertThat(driver.metrics().lateDropped()).isEqualTo(2);
            assertThat(driver.metrics().lateRecords()).isZero();
        }
    }

    @Test
    void lateRecordsAreCountedInMicroBatchModeAndWithALateTopicToo() {
        StreamDefinition definition = stream(Duration.ZERO)
                .mode(ProcessingMode.MICRO_BATCH).batch(Duration.ofSeconds(1), 10)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n"))
                .lateRecords("late").build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", at("a", 15_000), 0);
            driver.flushBatch();
            driver.pipeInput("x", at("a", 1_000), 0);
            driver.flushBatch();

            assertThat(driver.readLateRecords()).hasSize(1);
            assertThat(driver.metrics().late()).isEqualTo(1);
        }
    }
}
