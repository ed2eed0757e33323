package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamProcessor;
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
        ProcessorCatalog catalog = catalog(Set.of("celsius-to-kelvin"), Set.of());

        assertThat(catalog.unregistered(DEFINITION)).containsExactly(
                new ValidationError("/pipeline/1/name",
                        "no processor 'threshold-alert' is registered; install its bundle first"),
                new ValidationError("/pipeline/3/aggregate/1/name",
                        "no aggregator 'median' is registered; install its bundle first"));
    }

    @Test
    void aDefinitionWhoseProcessorsAreAllRegisteredHasNoError() {
        ProcessorCatalog catalog = catalog(Set.of("celsius-to-kelvin", "threshold-alert"), Set.of("median"));

        assertThat(catalog.unregistered(DEFINITION)).isEmpty();
    }

    private static ProcessorCatalog catalog(Set<String> processors, Set<String> aggregators) {
        return new ProcessorCatalog() {
            @Override
            public boolean hasProcessor(String name) {
                return processors.contains(name);
            }

            @Override
            public boolean hasAggregator(String name) {
                return aggregators.contains(name);
            }

            @Override
            public List<ProcessorInfo> list() {
                return List.of();
            }

            @Override
            public void addRemovalListener(Consumer<String> listener) {
            }

            @Override
            public void removeRemovalListener(Consumer<String> listener) {
            }

            @Override
            public Optional<StreamProcessor> processor(String name) {
                return Optional.empty();
            }

            @Override
            public Optional<StreamAggregator> aggregator(String name) {
                return Optional.empty();
            }
        };
    }
}
