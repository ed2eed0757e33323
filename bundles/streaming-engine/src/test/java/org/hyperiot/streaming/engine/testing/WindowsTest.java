package org.hyperiot.streaming.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.engine.Json.object;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.engine.LateRecord;
import org.junit.jupiter.api.Test;

class WindowsTest {

    private static StreamDefinition.Builder stream(Duration maxOutOfOrderness) {
        return StreamDefinition.builder("w")
                .source(SourceSpec.of("telemetry").withEventTime(EventTime.field("ts")))
                .watermark(maxOutOfOrderness, null)
                .keyBy("deviceId")
                .sink("out");
    }

    private static Map<String, Object> reading(String device, long ts, double temp) {
        return object("deviceId", device, "ts", ts, "temp", temp);
    }

    @Test
    void tumblingOnClosePublishesOneResultPerKeyWhenTheWatermarkPassesTheEnd() {
        StreamDefinition definition = stream(Duration.ofSeconds(2))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).avg("temp", "avgTemp").count("n"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("raw", reading("d17", 1_700_000_001_000L, 21.0), 0);
            driver.pipeInput("raw", reading("d18", 1_700_000_003_000L, 10.0), 0);
            driver.pipeInput("raw", reading("d17", 1_700_000_009_000L, 22.0), 0);
            driver.pipeInput("raw", reading("d17", 1_700_000_011_000L, 30.0), 0);
            assertThat(driver.readOutput()).isEmpty();

            // 12 s - 2 s of allowed disorder reaches the window end.
            driver.pipeInput("raw", reading("d18", 1_700_000_012_000L, 11.0), 0);

            List<StreamRecord> results = driver.readOutput();
            assertThat(results).extracting(StreamRecord::key).containsExactly("d17", "d18");
            assertThat(results.get(0).value()).isEqualTo(object("key", "d17", "windowStart", 1_700_000_000_000L,
                    "windowEnd", 1_700_000_010_000L, "avgTemp", 21.5, "n", 2L));
            assertThat(results.get(0).timestamp()).isEqualTo(1_700_000_009_999L);
            assertThat(results.get(1).value()).isEqualTo(object("key", "d18", "windowStart", 1_700_000_000_000L,
                    "windowEnd", 1_700_000_010_000L, "avgTemp", 10.0, "n", 1L));

            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d17", "windowStart", 1_700_000_010_000L, "windowEnd", 1_700_000_020_000L,
                            "avgTemp", 30.0, "n", 1L),
                    object("key", "d18", "windowStart", 1_700_000_010_000L, "windowEnd", 1_700_000_020_000L,
                            "avgTemp", 11.0, "n", 1L));
        }
    }

    @Test
    void lateRecordsUpdateWithinAllowedLatenessAndGoToTheLateOutputBeyondIt() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).allowedLateness(Duration.ofSeconds(5))
                        .count("n"))
                .lateRecords("late")
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", reading("d1", 1_000, 1), 0);
            driver.pipeInput("x", reading("d1", 10_000, 1), 0);
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d1", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L));

            driver.pipeInput("x", reading("d1", 2_000, 1), 0);
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d1", "windowStart", 0L, "windowEnd", 10_000L, "n", 2L));
            assertThat(driver.readLateRecords()).isEmpty();

            // Watermark 15 s = end 10 s + lateness 5 s: the window is purged.
            driver.pipeInput("x", reading("d1", 15_000, 1), 0);
            driver.pipeInput("x", reading("d1", 3_000, 1), 0);
            assertThat(driver.readOutputValues()).isEmpty();
            List<LateRecord> late = driver.readLateRecords();
            assertThat(late).hasSize(1);
            assertThat(late.get(0).source().offset()).isEqualTo(4);
            assertThat(late.get(0).source().value()).isEqualTo(reading("d1", 3_000, 1));
            assertThat(late.get(0).record().key()).isEqualTo("d1");
            assertThat(late.get(0).watermark()).isEqualTo(15_000);
            assertThat(late.get(0).reason()).contains("[0, 10000)", "15000", "5000 ms");
            assertThat(driver.metrics().lateRecords()).isEqualTo(1);
        }
    }

    @Test
    void lateRecordsWithoutALateTopicAreDroppedAndCounted() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", reading("d1", 20_000, 1), 0);
            driver.pipeInput("x", reading("d1", 1_000, 1), 0);
            assertThat(driver.readLateRecords()).isEmpty();
            assertThat(driver.metrics().lateDropped()).isEqualTo(1);
            assertThat(driver.metrics().lateRecords()).isZero();
        }
    }

    @Test
    void everyUpdatePublishesOnEachRecord() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).emit(EmitMode.EVERY_UPDATE)
                        .max("temp", "max").first("temp", "first").last("temp", "last"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", reading("d1", 5_000, 3), 0);
            driver.pipeInput("x", reading("d1", 1_000, 7), 0);
            driver.pipeInput("x", reading("d1", 9_000, 1), 0);
            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d1", "windowStart", 0L, "windowEnd", 10_000L, "max", 3.0, "first", 3.0, "last", 3.0),
                    object("key", "d1", "windowStart", 0L, "windowEnd", 10_000L, "max", 7.0, "first", 7.0, "last", 3.0),
                    object("key", "d1", "windowStart", 0L, "windowEnd", 10_000L, "max", 7.0, "first", 7.0, "last", 1.0));
        }
    }

    @Test
    void slidingWindowsCountARecordInEveryWindowCoveringIt() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.sliding(Duration.ofSeconds(10), Duration.ofSeconds(5)).count("n"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", reading("d1", 7_000, 1), 0);
            driver.pipeInput("x", reading("d1", 12_000, 1), 0);
            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d1", "windowStart", 0L, "windowEnd", 10_000L, "n", 1L),
                    object("key", "d1", "windowStart", 5_000L, "windowEnd", 15_000L, "n", 2L),
                    object("key", "d1", "windowStart", 10_000L, "windowEnd", 20_000L, "n", 1L));
        }
    }

    @Test
    void sessionsMergeWhenARecordBridgesThem() {
        StreamDefinition definition = stream(Duration.ofSeconds(30))
                .window(WindowOperator.session(Duration.ofSeconds(10)).count("n").sum("temp", "sum"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("x", reading("d1", 0, 1), 0);
            driver.pipeInput("x", reading("d1", 18_000, 2), 0);
            driver.pipeInput("x", reading("d2", 5_000, 4), 0);
            driver.pipeInput("x", reading("d1", 9_000, 8), 0);
            driver.pipeInput("x", reading("d1", 40_000, 16), 0);
            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d2", "windowStart", 5_000L, "windowEnd", 15_000L, "n", 1L, "sum", 4.0),
                    object("key", "d1", "windowStart", 0L, "windowEnd", 28_000L, "n", 3L, "sum", 11.0),
                    object("key", "d1", "windowStart", 40_000L, "windowEnd", 50_000L, "n", 1L, "sum", 16.0));
        }
    }

    @Test
    void countWindowsCloseWhenFullAndSpanTheirRecordsEventTimes() {
        StreamDefinition definition = stream(Duration.ZERO)
                .window(WindowOperator.count(3, 2).count("n").min("temp", "min"))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            long[] times = {5_000, 1_000, 9_000, 2_000, 4_000, 3_000};
            for (int i = 0; i < times.length; i++) {
                driver.pipeInput("x", reading("d1", times[i], i), 0);
            }
            driver.endOfInput();
            List<StreamRecord> results = driver.readOutput();
            assertThat(results).extracting(StreamRecord::value).containsExactly(
                    object("key", "d1", "windowStart", 1_000L, "windowEnd", 9_000L, "n", 3L, "min", 0.0),
                    object("key", "d1", "windowStart", 2_000L, "windowEnd", 9_000L, "n", 3L, "min", 2.0));
            assertThat(results).extracting(StreamRecord::timestamp).containsExactly(9_000L, 9_000L);
        }
    }

    @Test
    void aWindowWithoutKeyByGroupsByTheSourceKeyAndNullKeysFormOneGroup() {
        StreamDefinition definition = StreamDefinition.builder("w")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("ts")))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n"))
                .sink("out")
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput(null, object("ts", 1L), 0);
            driver.pipeInput("a", object("ts", 2L), 0);
            driver.pipeInput(null, object("ts", 3L), 0);
            driver.endOfInput();
            List<StreamRecord> results = driver.readOutput();
            assertThat(results).extracting(StreamRecord::key).containsExactly(null, "a");
            assertThat(results.get(0).value()).isEqualTo(
                    object("key", null, "windowStart", 0L, "windowEnd", 10_000L, "n", 2L));
        }
    }

    /** Collects the distinct values, sorted, as a JSON array. */
    static final class DistinctValues implements StreamAggregator {
        @Override
        public Object createAccumulator() {
            return List.of();
        }

        @Override
        public Object add(Object accumulator, Object value) {
            List<Object> values = new ArrayList<>((List<?>) accumulator);
            if (!values.contains(value)) {
                values.add(value);
                values.sort((a, b) -> Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue()));
            }
            return values;
        }

        @Override
        public Object merge(Object first, Object second) {
            Object merged = first;
            for (Object value : (List<?>) second) {
                merged = add(merged, value);
            }
            return merged;
        }

        @Override
        public Object result(Object accumulator) {
            return accumulator;
        }
    }

    @Test
    void customAggregatorsAreLookedUpByName() {
        StreamDefinition definition = stream(Duration.ofSeconds(10))
                .window(WindowOperator.session(Duration.ofSeconds(5))
                        .aggregate(AggregateSpec.custom("distinct", "temp", "temps")))
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition)
                .aggregator("distinct", DistinctValues::new).build()) {
            driver.pipeInput("x", reading("d1", 0, 3), 0);
            driver.pipeInput("x", reading("d1", 8_000, 1), 0);
            driver.pipeInput("x", reading("d1", 4_000, 3), 0);
            driver.endOfInput();
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "d1", "windowStart", 0L, "windowEnd", 13_000L, "temps", List.of(1.0, 3.0)));
        }
    }

    @Test
    void processingTimeWindowsCloseAsTheClockMoves() {
        StreamDefinition definition = StreamDefinition.builder("w")
                .source(SourceSpec.of("in").withEventTime(EventTime.processingTime()))
                .window(WindowOperator.tumbling(Duration.ofSeconds(1)).count("n"))
                .sink("out")
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).startTime(10_000).build()) {
            driver.pipeInput("k", object("v", 1L), 0);
            driver.advanceProcessingTime(Duration.ofMillis(500));
            driver.pipeInput("k", object("v", 2L), 0);
            assertThat(driver.readOutput()).isEmpty();
            driver.advanceProcessingTime(Duration.ofMillis(500));
            List<StreamRecord> results = driver.readOutput();
            assertThat(results).extracting(StreamRecord::value).containsExactly(
                    object("key", "k", "windowStart", 10_000L, "windowEnd", 11_000L, "n", 2L));
        }
    }

    @Test
    void idlePartitionsStopHoldingTheWatermarkBack() {
        StreamDefinition definition = StreamDefinition.builder("w")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("ts")))
                .watermark(Duration.ZERO, Duration.ofSeconds(30))
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).count("n"))
                .sink("out")
                .build();
        try (StreamTestDriver driver = StreamTestDriver.builder(definition).build()) {
            driver.pipeInput("in", 0, "k", object("ts", 1_000L), 0);
            driver.pipeInput("in", 1, "k", object("ts", 2_000L), 0);
            driver.pipeInput("in", 0, "k", object("ts", 25_000L), 0);
            assertThat(driver.readOutput()).isEmpty();
            driver.advanceProcessingTime(Duration.ofSeconds(29));
            assertThat(driver.readOutput()).isEmpty();
            driver.advanceProcessingTime(Duration.ofSeconds(1));
            assertThat(driver.watermark()).isEqualTo(25_000);
            assertThat(driver.readOutputValues()).containsExactly(
                    object("key", "k", "windowStart", 0L, "windowEnd", 10_000L, "n", 2L));
        }
    }
}
