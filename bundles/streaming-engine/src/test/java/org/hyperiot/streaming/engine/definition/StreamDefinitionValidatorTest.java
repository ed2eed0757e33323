package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.WindowOperator;
import org.junit.jupiter.api.Test;

class StreamDefinitionValidatorTest {

    @Test
    void aValidBuiltDefinitionHasNoErrors() {
        assertThat(StreamDefinitionValidator.validate(StreamDefinitionReaderTest.specExampleBuilt())).isEmpty();
        assertThat(StreamDefinitionValidator.requireValid(StreamDefinitionReaderTest.specExampleBuilt()))
                .isEqualTo(StreamDefinitionReaderTest.specExampleBuilt());
    }

    @Test
    void reportsBuilderMistakesWithThePointersTheJsonWouldHave() {
        StreamDefinition definition = StreamDefinition.builder("ok")
                .mode(ProcessingMode.MICRO_BATCH)
                .source("in")
                .watermark(Duration.ofMillis(-5), Duration.ZERO)
                .filter(Condition.in("x", null))
                .window(WindowOperator.sliding(Duration.ofSeconds(1), Duration.ofNanos(1500))
                        .aggregate(AggregateSpec.custom(null, "t", "c")).count("c"))
                .set("y", new Object())
                .sink("out")
                .build();

        assertThat(StreamDefinitionValidator.validate(definition)).extracting(ValidationError::pointer)
                .containsExactlyInAnyOrder("/batch", "/watermark/maxOutOfOrderness", "/watermark/idleTimeout",
                        "/pipeline/0/where/in", "/pipeline/1", "/pipeline/1/slide",
                        "/pipeline/1/aggregate/0/name", "/pipeline/1/aggregate/1/as", "/pipeline/2/value");
    }

    @Test
    void requiresTheMandatoryParts() {
        assertThatThrownBy(() -> StreamDefinitionValidator.requireValid(StreamDefinition.builder(null).build()))
                .isInstanceOfSatisfying(InvalidStreamDefinitionException.class, e ->
                        assertThat(e.errors()).extracting(ValidationError::pointer)
                                .containsExactlyInAnyOrder("/name", "/source", "/sink"));
    }

    @Test
    void builderAndReaderAgreeOnProcessorConfigNumbers() {
        StreamDefinition built = StreamDefinition.builder("c").source("in")
                .processor("p", Map.of("n", 5, "f", 1.5f, "list", java.util.List.of(1, 2)))
                .sink("out").build();
        StreamDefinition read = new StreamDefinitionReader().read(new StreamDefinitionWriter().write(built));

        assertThat(read).isEqualTo(built);
        assertThat(Optional.of(built.pipeline().get(0))).isEqualTo(Optional.of(read.pipeline().get(0)));
    }
}
