package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.junit.jupiter.api.Test;

/**
 * Values nested without end and absurd number literals are refused as validation errors, never a
 * {@link StackOverflowError} or seconds of CPU (issue 16).
 */
class BoundedJsonTest {

    private final StreamDefinitionReader reader = new StreamDefinitionReader();

    private static String withOperator(String operator) {
        return """
                {"name": "s", "source": {"topics": ["in"]}, "sink": {"topic": "out"}, "pipeline": [%s]}"""
                .formatted(operator);
    }

    private static String nestedArrays(int depth) {
        return "[".repeat(depth) + "1" + "]".repeat(depth);
    }

    @Test
    void refusesArraysNestedFiveThousandDeepInASetValue() {
        List<ValidationError> errors = reader.validate(withOperator(
                "{\"op\": \"set\", \"field\": \"x\", \"value\": " + nestedArrays(5_000) + "}"));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).pointer()).startsWith("/pipeline/0/value/0/0");
        assertThat(errors.get(0).message()).contains("nested deeper than 64");
    }

    @Test
    void acceptsNestingUpToTheLimitAndNoFurther() {
        int limit = DefinitionLimits.MAX_NESTING_DEPTH;
        assertThat(reader.validate(withOperator(
                "{\"op\": \"set\", \"field\": \"x\", \"value\": " + nestedArrays(limit) + "}"))).isEmpty();
        assertThat(reader.validate(withOperator(
                "{\"op\": \"set\", \"field\": \"x\", \"value\": " + nestedArrays(limit + 1) + "}")))
                .extracting(ValidationError::pointer).singleElement().asString()
                .isEqualTo("/pipeline/0/value" + "/0".repeat(limit));
    }

    @Test
    void refusesDeepValuesInProcessorConfigsAndConditions() {
        String deepObject = "{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000);
        assertThat(reader.validate(withOperator("{\"op\": \"processor\", \"name\": \"p\", \"config\": " + deepObject + "}")))
                .singleElement().satisfies(e -> {
                    assertThat(e.pointer()).startsWith("/pipeline/0/config/a/a");
                    assertThat(e.message()).contains("nested deeper than 64");
                });
        assertThat(reader.validate(withOperator(
                "{\"op\": \"filter\", \"where\": {\"field\": \"x\", \"eq\": " + nestedArrays(5_000) + "}}")))
                .singleElement().satisfies(e -> assertThat(e.pointer()).startsWith("/pipeline/0/where/eq/0/0"));
    }

    @Test
    void refusesConditionsNestedFiveThousandDeep() {
        String condition = "{\"not\": ".repeat(5_000) + "{\"field\": \"x\", \"exists\": true}" + "}".repeat(5_000);

        List<ValidationError> errors = reader.validate(withOperator("{\"op\": \"filter\", \"where\": " + condition + "}"));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).startsWith("/pipeline/0/where/not/not");
            assertThat(e.message()).contains("conditions are nested deeper than 64");
        });
    }

    @Test
    void refusesDeepValuesAndConditionsBuiltInJava() {
        Object value = 1L;
        for (int i = 0; i < 100; i++) {
            value = List.of(value);
        }
        Condition condition = Condition.eq("x", 1);
        for (int i = 0; i < 5_000; i++) {
            condition = Condition.not(condition);
        }
        StreamDefinition definition = StreamDefinition.builder("s").source("in")
                .set("x", value).filter(condition).sink("out").build();

        assertThat(StreamDefinitionValidator.validate(definition)).extracting(ValidationError::pointer)
                .containsExactly("/pipeline/0/value", "/pipeline/1/where" + "/not".repeat(64));
    }

    @Test
    void refusesAMegabyteNumberLiteralWithoutConvertingIt() {
        String json = withOperator("{\"op\": \"set\", \"field\": \"x\", \"value\": {\"n\": " + "7".repeat(1_000_000) + "}}");

        // Converting the literal to a BigInteger takes seconds; refusing it takes milliseconds.
        List<ValidationError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reader.validate(json));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/pipeline/0/value/n");
            assertThat(e.message()).contains("1000000 characters", "at most 100");
        });
    }

    @Test
    void acceptsNumbersUpToAHundredCharacters() {
        String ok = "9".repeat(DefinitionLimits.MAX_NUMBER_LENGTH);
        assertThat(reader.validate(withOperator("{\"op\": \"set\", \"field\": \"x\", \"value\": " + ok + "}"))).isEmpty();
        assertThat(reader.validate(withOperator("{\"op\": \"set\", \"field\": \"x\", \"value\": -" + ok + "}")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/value");
        assertThat(reader.validate(withOperator("{\"op\": \"set\", \"field\": \"x\", \"value\": [1, 0." + ok + "]}")))
                .extracting(ValidationError::pointer).containsExactly("/pipeline/0/value/1");
    }

    @Test
    void aWideValueWithManyDeepBranchesIsReportedOnce() {
        String branch = nestedArrays(100);
        String value = String.join(",", java.util.Collections.nCopies(1_000, branch));

        List<ValidationError> errors = reader.validate(withOperator(
                "{\"op\": \"processor\", \"name\": \"p\", \"config\": {\"v\": [" + value + "]}}"));

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.pointer()).startsWith("/pipeline/0/config/v/0/0"));
    }
}
