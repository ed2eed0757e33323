package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.DataFormat;
import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.Engine;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.Guarantee;
import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StartPosition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WatermarkSpec;
import org.hyperiot.streaming.api.WindowOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamDefinitionReaderTest {

    static final String SPEC_EXAMPLE = """
            {
              "name": "device-temp-avg",
              "description": "average temperature per device every 10 s",
              "engine": "kafka",
              "mode": "native",
              "guarantee": "exactly-once",
              "parallelism": 2,
              "source": {
                "topics": ["telemetry"],
                "format": "json",
                "startFrom": "earliest",
                "eventTime": { "field": "ts" }
              },
              "watermark": { "maxOutOfOrderness": "2s", "idleTimeout": "30s" },
              "pipeline": [
                { "op": "filter",    "where": { "field": "temp", "gt": -50 } },
                { "op": "processor", "name": "celsius-to-kelvin", "config": { "field": "temp" } },
                { "op": "keyBy",     "field": "deviceId" },
                { "op": "window",    "type": "tumbling", "size": "10s", "allowedLateness": "5s", "emit": "on-close",
                  "aggregate": [ { "fn": "avg", "field": "temp", "as": "avgTemp" }, { "fn": "count", "as": "n" } ] }
              ],
              "sink": { "topic": "temp-avg", "format": "json" },
              "lateRecords": { "topic": "temp-late" },
              "deadLetter": { "topic": "temp-dlq" }
            }
            """;

    private final StreamDefinitionReader reader = new StreamDefinitionReader();
    private final StreamDefinitionWriter writer = new StreamDefinitionWriter();

    static StreamDefinition specExampleBuilt() {
        return StreamDefinition.builder("device-temp-avg")
                .description("average temperature per device every 10 s")
                .engine(Engine.KAFKA)
                .mode(ProcessingMode.NATIVE)
                .guarantee(Guarantee.EXACTLY_ONCE)
                .parallelism(2)
                .source(SourceSpec.of("telemetry").withStartFrom(StartPosition.EARLIEST)
                        .withEventTime(EventTime.field("ts")))
                .watermark(Duration.ofSeconds(2), Duration.ofSeconds(30))
                .filter(Condition.gt("temp", -50))
                .processor("celsius-to-kelvin", Map.of("field", "temp"))
                .keyBy("deviceId")
                .window(WindowOperator.tumbling(Duration.ofSeconds(10)).allowedLateness(Duration.ofSeconds(5))
                        .emit(EmitMode.ON_CLOSE).avg("temp", "avgTemp").count("n"))
                .sink("temp-avg")
                .lateRecords("temp-late")
                .deadLetter("temp-dlq")
                .build();
    }

    @Test
    void readsTheContractExampleIntoTheSameModelTheBuilderMakes() {
        StreamDefinition read = reader.read(SPEC_EXAMPLE);

        assertThat(read).isEqualTo(specExampleBuilt());
        assertThat(read.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(StreamDefinitionValidator.validate(specExampleBuilt())).isEmpty();
    }

    @Test
    void fillsDefaultsForAMinimalDefinition() {
        StreamDefinition read = reader.read("""
                {"name": "m", "source": {"topics": ["in"]}, "sink": {"topic": "out"}}""");

        assertThat(read.engine()).isEqualTo(Engine.KAFKA);
        assertThat(read.mode()).isEqualTo(ProcessingMode.NATIVE);
        assertThat(read.guarantee()).isEqualTo(Guarantee.AT_LEAST_ONCE);
        assertThat(read.parallelism()).isEqualTo(1);
        assertThat(read.source().format()).isEqualTo(DataFormat.JSON);
        assertThat(read.source().eventTime()).isEqualTo(EventTime.recordTimestamp());
        assertThat(read.watermark()).isEqualTo(WatermarkSpec.DEFAULT);
        assertThat(read.pipeline()).isEmpty();
        assertThat(read).isEqualTo(StreamDefinition.builder("m").source("in").sink("out").build());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        SPEC_EXAMPLE,
        """
        {"name": "every-kind", "mode": "micro-batch", "batch": {"interval": "500ms", "maxRecords": 10000},
         "guarantee": "at-most-once", "engine": "storm", "commitInterval": "2m",
         "source": {"topics": ["a", "b"], "format": "json", "startFrom": "latest", "eventTime": "processing"},
         "pipeline": [
           {"op": "filter", "where": {"all": [{"field": "a.b", "in": [1, "x", null, 2.5]},
                                               {"not": {"field": "c", "exists": true}},
                                               {"any": [{"field": "d", "eq": {"x": [1, 2]}}, {"field": "e", "lte": "m"}]}]}},
           {"op": "project", "fields": ["a.b", "d", "e"]},
           {"op": "set", "field": "meta.source", "value": {"n": 1, "f": 1.5, "big": 123456789012345678901234567890}},
           {"op": "set", "field": "flag", "value": null},
           {"op": "rename", "from": "d", "to": "dd"},
           {"op": "processor", "name": "enrich"},
           {"op": "keyBy", "field": "a.b"},
           {"op": "window", "type": "session", "gap": "90s", "allowedLateness": "1h", "emit": "every-update",
            "aggregate": [{"fn": "first", "as": "first"}, {"fn": "last", "field": "e", "as": "lastE"},
                          {"fn": "custom", "name": "p95", "field": "e", "as": "p95"},
                          {"fn": "min", "field": "e", "as": "min"}, {"fn": "max", "field": "e", "as": "max"},
                          {"fn": "sum", "field": "e", "as": "sum"}, {"fn": "count", "field": "e", "as": "withE"}]}
         ],
         "sink": {"topic": "out", "format": "string"}, "lateRecords": {"topic": "late"}, "deadLetter": {"topic": "dlq"}}
        """,
        """
        {"name": "sliding", "source": {"topics": ["in"]}, "watermark": {"maxOutOfOrderness": "250ms"},
         "pipeline": [{"op": "window", "type": "sliding", "size": "1h", "slide": "15m", "aggregate": [{"fn": "count", "as": "n"}]}],
         "sink": {"topic": "out", "format": "bytes"}}
        """,
        """
        {"name": "counting", "source": {"topics": ["in"], "format": "string"},
         "pipeline": [{"op": "window", "type": "count", "size": 10, "slide": 5, "aggregate": [{"fn": "count", "as": "n"}]}],
         "sink": {"topic": "out"}}
        """
    })
    void roundTripsThroughJson(String json) {
        StreamDefinition first = reader.read(json);
        String written = writer.write(first);
        StreamDefinition second = reader.read(written);

        assertThat(second).isEqualTo(first);
        assertThat(writer.write(second)).isEqualTo(written);
        assertThat(reader.read(writer.writePretty(first))).isEqualTo(first);
    }

    @Test
    void writesDurationsInTheLargestExactUnit() {
        StreamDefinition read = reader.read("""
                {"name": "d", "source": {"topics": ["in"]}, "sink": {"topic": "out"}, "commitInterval": "120s",
                 "watermark": {"maxOutOfOrderness": "1500ms", "idleTimeout": "3600s"}}""");
        String written = writer.write(read);

        assertThat(written).contains("\"commitInterval\":\"2m\"", "\"maxOutOfOrderness\":\"1500ms\"",
                "\"idleTimeout\":\"1h\"");
    }

    private List<ValidationError> errorsOf(String json) {
        return reader.validate(json);
    }

    private static String withPipeline(String operators) {
        return """
                {"name": "s", "source": {"topics": ["in"], "eventTime": {"field": "ts"}}, "sink": {"topic": "out"},
                 "pipeline": [%s]}""".formatted(operators);
    }

    @Test
    void rejectsUnknownFieldsEverywhereWithTheirPointer() {
        List<ValidationError> errors = errorsOf("""
                {"name": "s", "colour": "red", "source": {"topics": ["in"], "partitions": 3},
                 "sink": {"topic": "out", "acks": "all"},
                 "pipeline": [{"op": "keyBy", "field": "k", "extra": 1},
                              {"op": "window", "type": "tumbling", "size": "1s", "sise": "2s",
                               "aggregate": [{"fn": "count", "as": "n", "alias": "m"}]}]}""");

        assertThat(errors).extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                "/colour", "/source/partitions", "/sink/acks", "/pipeline/0/extra", "/pipeline/1/sise",
                "/pipeline/1/aggregate/0/alias");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).startsWith("unknown field '"));
    }

    @Test
    void reportsTheExamplesErrorsWithExactPointers() {
        List<ValidationError> errors = errorsOf("""
                {"name": "Bad Name!", "engine": "flink", "mode": "turbo", "guarantee": "exactly-twice",
                 "source": {"topics": [], "format": "xml"},
                 "pipeline": [{"op": "filter", "where": {"field": "t", "gt": 1}},
                              {"op": "explode"},
                              {"op": "window", "type": "tumbling", "size": "10 seconds",
                               "aggregate": [{"fn": "count", "as": "n"}]}],
                 "sink": {"topic": "out"}}""");

        assertThat(errors).extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                "/name", "/engine", "/mode", "/guarantee", "/source/topics", "/source/format",
                "/pipeline/1/op", "/pipeline/2/size");
        assertThat(message(errors, "/pipeline/2/size")).contains("'10 seconds' is not a duration", "250ms", "2s",
                "5m", "1h");
        assertThat(message(errors, "/pipeline/1/op")).contains("unknown operator 'explode'", "filter", "window");
        assertThat(message(errors, "/engine")).contains("unknown engine 'flink'", "kafka, storm");
        assertThat(message(errors, "/mode")).contains("native, micro-batch");
        assertThat(message(errors, "/guarantee")).contains("at-most-once, at-least-once, exactly-once");
        assertThat(message(errors, "/source/topics")).contains("at least one topic");
        assertThat(message(errors, "/name")).contains("lower-case");
    }

    private static String message(List<ValidationError> errors, String pointer) {
        return errors.stream().filter(e -> e.pointer().equals(pointer)).map(ValidationError::message)
                .findFirst().orElseThrow(() -> new AssertionError("no error at " + pointer + " in " + errors));
    }

    @Test
    void keepsPointersOfLaterOperatorsWhenAnEarlierOneIsUnreadable() {
        List<ValidationError> errors = errorsOf(withPipeline("""
                {"op": "mystery"}, {"op": "keyBy"},
                {"op": "window", "type": "tumbling", "size": "1s", "aggregate": [{"fn": "count", "as": "n"}]},
                {"op": "project", "fields": ["a"]}"""));

        assertThat(errors).extracting(ValidationError::pointer)
                .containsExactlyInAnyOrder("/pipeline/0/op", "/pipeline/1/field", "/pipeline/2");
        assertThat(message(errors, "/pipeline/2")).contains("last operator");
    }

    @Test
    void checksWindowParametersPerType() {
        List<ValidationError> errors = errorsOf(withPipeline("""
                {"op": "window", "type": "tumbling", "size": "10s", "gap": "1s",
                 "aggregate": [{"fn": "count", "as": "n"}]}"""));
        assertThat(errors).extracting(ValidationError::pointer).containsExactly("/pipeline/0/gap");
        assertThat(errors.get(0).message()).contains("does not apply to tumbling windows");

        assertThat(errorsOf(withPipeline("""
                {"op": "window", "type": "sliding", "size": "10s", "slide": "20s",
                 "aggregate": [{"fn": "count", "as": "n"}]}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/slide");

        assertThat(errorsOf(withPipeline("""
                {"op": "window", "type": "count", "size": 5, "allowedLateness": "1s",
                 "aggregate": [{"fn": "count", "as": "n"}]}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/allowedLateness");

        assertThat(errorsOf(withPipeline("""
                {"op": "window", "type": "count", "size": "5s", "aggregate": [{"fn": "count", "as": "n"}]}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/size");

        assertThat(errorsOf(withPipeline("""
                {"op": "window", "type": "session", "aggregate": [{"fn": "count", "as": "n"}]}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/gap");

        assertThat(errorsOf(withPipeline("""
                {"op": "window", "type": "hopping", "size": "1s", "aggregate": [{"fn": "count", "as": "n"}]}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/type");

        assertThat(errorsOf(withPipeline("""
                {"op": "window", "type": "tumbling", "size": "0s", "allowedLateness": "-1s",
                 "emit": "sometimes", "aggregate": []}""")))
                .extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                        "/pipeline/0/size", "/pipeline/0/allowedLateness", "/pipeline/0/emit", "/pipeline/0/aggregate");
    }

    @Test
    void checksAggregates() {
        List<ValidationError> errors = errorsOf(withPipeline("""
                {"op": "window", "type": "tumbling", "size": "10s", "aggregate": [
                  {"fn": "count"},
                  {"fn": "sum", "as": "s"},
                  {"fn": "avg", "field": "t", "as": "s"},
                  {"fn": "max", "field": "t", "as": "windowEnd"},
                  {"fn": "custom", "field": "t", "as": "c"},
                  {"fn": "min", "field": "t", "as": "m", "name": "x"},
                  {"fn": "median", "field": "t", "as": "med"}]}"""));

        assertThat(errors).extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                "/pipeline/0/aggregate/0/as", "/pipeline/0/aggregate/1/field", "/pipeline/0/aggregate/2/as",
                "/pipeline/0/aggregate/3/as", "/pipeline/0/aggregate/4/name", "/pipeline/0/aggregate/5/name",
                "/pipeline/0/aggregate/6/fn");
        assertThat(message(errors, "/pipeline/0/aggregate/6/fn")).contains("unknown aggregate function 'median'");
    }

    @Test
    void checksConditions() {
        assertThat(errorsOf(withPipeline("""
                {"op": "filter", "where": {"field": "t", "gt": 1, "lt": 5}}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/where/lt");
        assertThat(errorsOf(withPipeline("""
                {"op": "filter", "where": {"field": "t"}}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/where");
        assertThat(errorsOf(withPipeline("""
                {"op": "filter", "where": {"all": [{"field": "t", "in": 3}, {"field": "u", "exists": "yes"},
                                                   {"any": []}, {"field": "v", "gt": {"a": 1}}]}}""")))
                .extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                        "/pipeline/0/where/all/0/in", "/pipeline/0/where/all/1/exists",
                        "/pipeline/0/where/all/2/any", "/pipeline/0/where/all/3/gt");
        assertThat(errorsOf(withPipeline("""
                {"op": "filter", "where": {"field": "a..b", "eq": 1}}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/where/field");
        assertThat(errorsOf(withPipeline("""
                {"op": "filter", "where": {"fields": "t"}}""")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/where");
    }

    @Test
    void checksModeBatchAndSideOutputs() {
        List<ValidationError> errors = errorsOf("""
                {"name": "s", "mode": "micro-batch", "source": {"topics": ["in", "in"]},
                 "sink": {"topic": "in"}, "deadLetter": {"topic": "bad topic"}, "lateRecords": {"topic": "late"},
                 "parallelism": 0, "commitInterval": "0ms"}""");
        assertThat(errors).extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                "/batch", "/source/topics/1", "/sink/topic", "/deadLetter/topic", "/lateRecords",
                "/parallelism", "/commitInterval");
        assertThat(message(errors, "/batch")).contains("micro-batch", "interval", "maxRecords");
        assertThat(message(errors, "/lateRecords")).contains("windows");

        assertThat(errorsOf("""
                {"name": "s", "source": {"topics": ["in"]}, "sink": {"topic": "out"},
                 "batch": {"interval": "1s", "maxRecords": 10}}"""))
                .extracting(ValidationError::pointer).containsExactly("/batch");
        assertThat(errorsOf("""
                {"name": "s", "mode": "micro-batch", "source": {"topics": ["in"]}, "sink": {"topic": "out"},
                 "batch": {"interval": "soon"}}"""))
                .extracting(ValidationError::pointer).containsExactlyInAnyOrder("/batch/interval", "/batch/maxRecords");
    }

    @Test
    void requiresAJsonSourceForFieldOperatorsUnlessAProcessorComesFirst() {
        List<ValidationError> errors = errorsOf("""
                {"name": "s", "source": {"topics": ["in"], "format": "string", "eventTime": {"field": "ts"}},
                 "pipeline": [{"op": "keyBy", "field": "k"}], "sink": {"topic": "out"}}""");
        assertThat(errors).extracting(ValidationError::pointer)
                .containsExactlyInAnyOrder("/pipeline/0", "/source/eventTime/field");

        assertThat(errorsOf("""
                {"name": "s", "source": {"topics": ["in"], "format": "bytes"},
                 "pipeline": [{"op": "processor", "name": "parse"}, {"op": "keyBy", "field": "k"}],
                 "sink": {"topic": "out"}}""")).isEmpty();
    }

    @Test
    void reportsWrongTypes() {
        List<ValidationError> errors = errorsOf("""
                {"name": 7, "parallelism": 1.5, "source": {"topics": "in", "eventTime": 12},
                 "pipeline": {"op": "filter"}, "sink": "out", "watermark": {"maxOutOfOrderness": 2000}}""");
        assertThat(errors).extracting(ValidationError::pointer).containsExactlyInAnyOrder(
                "/name", "/parallelism", "/source/topics", "/source/eventTime", "/pipeline", "/sink",
                "/watermark/maxOutOfOrderness");
    }

    @Test
    void rejectsADocumentThatIsNotAnObject() {
        assertThat(errorsOf("[1, 2]")).containsExactly(
                new ValidationError("", "a stream definition must be a JSON object"));
    }

    @Test
    void throwsWithEveryErrorWhenReading() {
        assertThatThrownBy(() -> reader.read("""
                {"name": "S", "source": {"topics": ["in"]}}"""))
                .isInstanceOfSatisfying(InvalidStreamDefinitionException.class, e ->
                        assertThat(e.errors()).extracting(ValidationError::pointer)
                                .containsExactlyInAnyOrder("/name", "/sink"))
                .hasMessageContaining("/name").hasMessageContaining("/sink");
    }

    @Test
    void tellsMalformedJsonApartFromInvalidDefinitions() {
        assertThatThrownBy(() -> reader.read("{\"name\": "))
                .isInstanceOf(MalformedStreamDefinitionException.class).hasMessageContaining("line 1");
        assertThatThrownBy(() -> reader.read("{\"name\": \"a\", \"name\": \"b\"}"))
                .isInstanceOf(MalformedStreamDefinitionException.class).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> reader.read("{} {}"))
                .isInstanceOf(MalformedStreamDefinitionException.class);
        assertThatThrownBy(() -> reader.read(""))
                .isInstanceOf(MalformedStreamDefinitionException.class);
    }

    @Test
    void escapesPointerSegments() {
        assertThat(errorsOf("""
                {"name": "s", "source": {"topics": ["in"]}, "sink": {"topic": "out"}, "a/b~c": 1}"""))
                .extracting(ValidationError::pointer).containsExactly("/a~1b~0c");
    }
}
