package org.hyperiot.streaming.saga.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.saga.internal.definition.SagaDefinitionJson;
import org.junit.jupiter.api.Test;

class DefinitionCacheTest {

    private static final SagaDefinition ORDER = SagaDefinition.builder("order")
            .timeout(Duration.ofMinutes(5))
            .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release"))
            .step(SagaStep.of("charge", "payments", "charge").withCompensation("refund"))
            .build();

    private final DefinitionCache cache = new DefinitionCache();

    @Test
    void theSameTextReadsToTheSameInstance() {
        String text = new SagaDefinitionJson().write(ORDER);

        SagaDefinition first = cache.read(text);

        assertThat(first).isEqualTo(ORDER);
        assertThat(cache.read(text)).isSameAs(first);
    }

    @Test
    void aDefinitionIsWrittenAsItReadsBack() {
        String text = cache.text(ORDER);

        assertThat(new SagaDefinitionJson().read(text)).isEqualTo(ORDER);
        assertThat(cache.text(ORDER)).isSameAs(text);
    }

    @Test
    void anEqualDefinitionThatIsAnotherInstanceIsWrittenAlike() {
        SagaDefinition copy = new SagaDefinitionJson().read(new SagaDefinitionJson().write(ORDER));

        assertThat(cache.text(copy)).isEqualTo(cache.text(ORDER));
    }

    @Test
    void anInvalidTextIsRefusedEveryTime() {
        String invalid = "{\"name\":\"order\",\"steps\":[]}";

        assertThatThrownBy(() -> cache.read(invalid)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> cache.read(invalid)).isInstanceOf(RuntimeException.class);
    }
}
