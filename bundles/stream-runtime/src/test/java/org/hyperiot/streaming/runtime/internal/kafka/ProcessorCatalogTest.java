package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

class ProcessorCatalogTest {

    private static final StreamDefinition DEFINITION = new StreamDefinitionReader().read("""
            {"name":"s","source":{"topics":["in"]},
             "pipeline":[{"op":"processor","name":"celsius-to-kelvin"},{"op":"processor","name":"threshold-alert"},
                         {"op":"keyBy","field":"deviceId"},
                         {"op":"window","type":"tumbling","size":"10s",
                          "aggregate":[{"fn":"count","as":"n"},{"fn":"custom","name":"median","field":"temp","as":"m"}]}],
             "sink":{"topic":"out"}}""");

    @Test
    void everyUnregisteredNameIsReportedWhereTheDefinitionUsesIt() {
        ProcessorCatalog catalog = RegisteredProcessors.named(Set.of("celsius-to-kelvin"), Set.of());

        assertThat(catalog.unregistered(DEFINITION)).containsExactly(
                new ValidationError("/pipeline/1/name",
                        "no processor 'threshold-alert' is registered; install its bundle first"),
                new ValidationError("/pipeline/3/aggregate/1/name",
                        "no aggregator 'median' is registered; install its bundle first"));
    }

    @Test
    void aDefinitionWhoseProcessorsAreAllRegisteredHasNoError() {
        ProcessorCatalog catalog = RegisteredProcessors.named(Set.of("celsius-to-kelvin", "threshold-alert"), Set.of("median"));

        assertThat(catalog.unregistered(DEFINITION)).isEmpty();
    }
}
