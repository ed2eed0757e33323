package org.hyperiot.streaming.saga.internal.definition;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.json;
import static org.hyperiot.streaming.saga.internal.definition.SagaJson.step;

import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedSagaDefinitionTest {

    private final SagaDefinitionJson format = new SagaDefinitionJson();

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"name\": \"order\", \"steps\": [",
            "{name: \"order\"}",
            "{\"name\": 'order'}",
            "{\"name\": \"order\",}",
            "not json",
            "{\"timeout\": NaN}"})
    void textThatIsNotJsonIsMalformedForReadAndForValidate(String text) {
        assertThatThrownBy(() -> format.read(text)).isInstanceOf(MalformedSagaDefinitionException.class)
                .hasMessageStartingWith("not valid JSON: ");
        assertThatThrownBy(() -> format.validate(text)).isInstanceOf(MalformedSagaDefinitionException.class)
                .hasMessageStartingWith("not valid JSON: ");
    }

    @Test
    void theMessageSaysWhereTheJsonBreaks() {
        assertThatThrownBy(() -> format.read("{\n  \"name\": \"order\",\n  \"steps\": [}\n"))
                .isInstanceOf(MalformedSagaDefinitionException.class)
                .hasMessageContaining("(line 3, column");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\n"})
    void anEmptyDocumentIsMalformed(String text) {
        assertThatThrownBy(() -> format.read(text)).isInstanceOf(MalformedSagaDefinitionException.class)
                .hasMessage("not valid JSON: the document is empty");
    }

    @Test
    void aSecondDocumentAfterTheDefinitionIsMalformed() {
        String twice = json("{'name':'s','steps':[" + step("a") + "]}");
        assertThatThrownBy(() -> format.read(twice + " " + twice)).isInstanceOf(MalformedSagaDefinitionException.class);
        assertThatThrownBy(() -> format.validate(twice + " x")).isInstanceOf(MalformedSagaDefinitionException.class);
    }

    @Test
    void aMemberGivenTwiceIsMalformedRatherThanSilentlyTakingTheLastValue() {
        assertThatThrownBy(() -> format.read(json("{'name':'s','name':'t','steps':[" + step("a") + "]}")))
                .isInstanceOf(MalformedSagaDefinitionException.class)
                .hasMessageContaining("Duplicate field 'name'");
    }
}
