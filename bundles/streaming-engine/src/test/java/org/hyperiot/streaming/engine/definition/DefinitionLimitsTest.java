package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.AggregateFunction;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WindowOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounds of {@link DefinitionLimits}: each refused with the pointer of the member at fault. */
class DefinitionLimitsTest {

    private final StreamDefinitionReader reader = new StreamDefinitionReader();

    private List<ValidationError> errorsOf(String json) {
        return reader.validate(json);
    }

    private static String withWindow(String window) {
        return """
                {"name": "s", "source": {"topics": ["in"], "eventTime": {"field": "ts"}}, "sink": {"topic": "out"},
                 "pipeline": [{"op": "window", %s, "aggregate": [{"fn": "count", "as": "n"}]}]}""".formatted(window);
    }

    private static String message(List<ValidationError> errors, String pointer) {
        return errors.stream().filter(e -> e.pointer().equals(pointer)).map(ValidationError::message)
                .findFirst().orElseThrow(() -> new AssertionError("no error at " + pointer + " in " + errors));
    }

    @Test
    void refusesASlidingWindowPuttingARecordInMoreThanAThousandWindows() {
        // Issue 16: this validated, then the worker died of OutOfMemoryError.
        List<ValidationError> errors = errorsOf(withWindow(
                "\"type\": \"sliding\", \"size\": \"2147483647ms\", \"slide\": \"1ms\""));

        assertThat(errors).extracting(ValidationError::pointer).contains("/pipeline/0/slide");
        assertThat(message(errors, "/pipeline/0/slide")).contains("2147483647 windows", "at most 1000");

        assertThat(errorsOf(withWindow("\"type\": \"sliding\", \"size\": \"1000ms\", \"slide\": \"1ms\""))).isEmpty();
        assertThat(errorsOf(withWindow("\"type\": \"sliding\", \"size\": \"1001ms\", \"slide\": \"1ms\"")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/slide");
    }

    @Test
    void boundsCountWindowsBySizeWindowsPerRecordAndStateRecordSize() {
        // Issue 16: a count window of 2^31 records grew one changelog record past 1 MB.
        assertThat(errorsOf(withWindow("\"type\": \"count\", \"size\": 2147483648")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/size");
        assertThat(errorsOf(withWindow("\"type\": \"count\", \"size\": 1000000"))).isEmpty();
        assertThat(errorsOf(withWindow("\"type\": \"count\", \"size\": 100000, \"slide\": 10")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/slide");

        StreamDefinition keepsValues = StreamDefinition.builder("s").source("in").sink("out")
                .window(WindowOperator.count(1000, 1).first(null, "first").last(null, "last")).build();
        List<ValidationError> errors = StreamDefinitionValidator.validate(keepsValues);
        assertThat(errors).extracting(ValidationError::pointer).containsExactly("/pipeline/0/slide");
        assertThat(errors.get(0).message()).contains("1000 count windows", "bytes");

        StreamDefinition numeric = StreamDefinition.builder("s").source("in").sink("out")
                .window(WindowOperator.count(1000, 1).count("n").avg("v", "avg").max("v", "max")).build();
        assertThat(StreamDefinitionValidator.validate(numeric)).isEmpty();
    }

    @Test
    void boundsParallelism() {
        String json = """
                {"name": "s", "parallelism": %d, "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""";
        assertThat(errorsOf(json.formatted(DefinitionLimits.MAX_PARALLELISM))).isEmpty();
        List<ValidationError> errors = errorsOf(json.formatted(1024));
        assertThat(errors).extracting(ValidationError::pointer).containsExactly("/parallelism");
        assertThat(errors.get(0).message()).contains("between 1 and 64");
    }

    @Test
    void boundsEveryDuration() {
        List<ValidationError> errors = errorsOf("""
                {"name": "s", "mode": "micro-batch", "commitInterval": "16m",
                 "batch": {"interval": "1h", "maxRecords": 100001},
                 "source": {"topics": ["in"], "eventTime": {"field": "ts"}},
                 "watermark": {"maxOutOfOrderness": "8761h", "idleTimeout": "9000h"},
                 "pipeline": [{"op": "window", "type": "tumbling", "size": "8761h", "allowedLateness": "8761h",
                               "aggregate": [{"fn": "count", "as": "n"}]}],
                 "sink": {"topic": "out"}}""");

        assertThat(errors).extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                "/commitInterval", "/batch/interval", "/batch/maxRecords", "/watermark/maxOutOfOrderness",
                "/watermark/idleTimeout", "/pipeline/0/size", "/pipeline/0/allowedLateness");
        assertThat(message(errors, "/commitInterval")).contains("at most 15m", "16m");
        assertThat(message(errors, "/pipeline/0/size")).contains("at most 8760h (365 days)");
        assertThat(message(errors, "/batch/maxRecords")).contains("100000");

        assertThat(errorsOf(withWindow("\"type\": \"session\", \"gap\": \"8761h\"")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/gap");
        assertThat(errorsOf(withWindow("\"type\": \"sliding\", \"size\": \"8760h\", \"slide\": \"8761h\"")))
                .extracting(ValidationError::pointer).contains("/pipeline/0/slide");
    }

    @Test
    void boundsTheWindowsOneKeyKeepsOpen() {
        // 1 ms windows kept for an hour of lateness: 3.6 million open windows per key.
        List<ValidationError> errors = errorsOf(withWindow(
                "\"type\": \"tumbling\", \"size\": \"1ms\", \"allowedLateness\": \"1h\""));
        assertThat(errors).extracting(ValidationError::pointer).containsExactly("/pipeline/0/allowedLateness");
        assertThat(errors.get(0).message()).contains("3600001 windows per key", "at most 10000");

        assertThat(errorsOf("""
                {"name": "s", "source": {"topics": ["in"], "eventTime": {"field": "ts"}}, "sink": {"topic": "out"},
                 "watermark": {"maxOutOfOrderness": "1h"},
                 "pipeline": [{"op": "window", "type": "session", "gap": "100ms",
                               "aggregate": [{"fn": "count", "as": "n"}]}]}"""))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0");

        // A minute of windows with a week of lateness stays within the bound.
        assertThat(errorsOf(withWindow("\"type\": \"tumbling\", \"size\": \"1m\", \"allowedLateness\": \"160h\"")))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"__consumer_offsets", "__transaction_state", "hyperiot-streaming-definitions",
        "hyperiot-streaming-status", "hyperiot_layer_microservices", "hyperiot_layer_microservices_1",
        "hyperiot.layer.microservices", "hyperiot-stream-other-changelog", "hyperiot-stream-s-repartition",
        "hyperiot-saga-log", "._consumer_offsets"})
    void refusesToWriteIntoInternalTopics(String topic) {
        List<ValidationError> errors = errorsOf("""
                {"name": "s", "source": {"topics": ["in"], "eventTime": {"field": "ts"}},
                 "pipeline": [{"op": "window", "type": "tumbling", "size": "1s", "aggregate": [{"fn": "count", "as": "n"}]}],
                 "sink": {"topic": "%1$s"}, "deadLetter": {"topic": "%1$s"}, "lateRecords": {"topic": "%1$s"}}"""
                .formatted(topic));

        assertThat(errors).extracting(ValidationError::pointer)
                .containsExactlyInAnyOrder("/sink/topic", "/deadLetter/topic", "/lateRecords/topic");
        assertThat(message(errors, "/sink/topic")).contains("internal topic", topic);
    }

    @Test
    void acceptsTopicsThatOnlyLookInternal() {
        assertThat(DefinitionLimits.isInternalTopic("hyperiot-streamer")).isFalse();
        assertThat(DefinitionLimits.isInternalTopic("_single")).isFalse();
        assertThat(DefinitionLimits.isInternalTopic("telemetry")).isFalse();
        assertThat(errorsOf("""
                {"name": "s", "source": {"topics": ["hyperiot-streaming-status"]}, "sink": {"topic": "hyperiot-streamer"}}"""))
                .isEmpty();
    }

    @Test
    void refusesLoopsIntoTheSource() {
        List<ValidationError> errors = errorsOf("""
                {"name": "s", "source": {"topics": ["a", "b"], "eventTime": {"field": "ts"}},
                 "pipeline": [{"op": "window", "type": "tumbling", "size": "1s", "aggregate": [{"fn": "count", "as": "n"}]}],
                 "sink": {"topic": "b"}, "deadLetter": {"topic": "a"}, "lateRecords": {"topic": "b"}}""");

        assertThat(errors).extracting(ValidationError::pointer)
                .containsExactlyInAnyOrder("/sink/topic", "/deadLetter/topic", "/lateRecords/topic");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).contains("reads its own output"));
    }

    @Test
    void theBuilderIsHeldToTheSameLimits() {
        StreamDefinition definition = StreamDefinition.builder("s").source("in").parallelism(65)
                .window(WindowOperator.sliding(Duration.ofMillis(Integer.MAX_VALUE), Duration.ofMillis(1))
                        .aggregate(AggregateSpec.of(AggregateFunction.COUNT, null, "n")))
                .sink("__consumer_offsets").build();

        assertThat(StreamDefinitionValidator.validate(definition)).extracting(ValidationError::pointer)
                .containsExactlyInAnyOrder("/parallelism", "/pipeline/0/slide", "/sink/topic");
    }
}
