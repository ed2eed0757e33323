package org.hyperiot.streaming.storm.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

class StormStreamSupportTest {

    private static StreamDefinition stream(String pipeline) {
        return new StreamDefinitionReader().read("""
                {"name":"s","engine":"storm","source":{"topics":["in"],"eventTime":{"field":"ts"}},
                 "pipeline":%s,"sink":{"topic":"out"}}""".formatted(pipeline));
    }

    @Test
    void operatorsWindowsAndSideOutputsRunOnStorm() {
        StreamDefinition windowed = stream("""
                [{"op":"filter","where":{"field":"v","gt":1}},
                 {"op":"window","type":"tumbling","size":"5s","aggregate":[{"fn":"count","as":"n"}]}]""");

        assertThat(StormStreamSupport.refusals(windowed, PortableExtensions.none())).isEmpty();
        assertThat(StormStreamSupport.keepsState(windowed)).isTrue();
        assertThat(StormStreamSupport.keepsState(stream("[{\"op\":\"filter\",\"where\":{\"field\":\"v\",\"gt\":1}}]"))).isFalse();
    }

    @Test
    void aCustomProcessorIsRefusedAtTheOperatorThatNamesIt() {
        StreamDefinition enriching = stream("""
                [{"op":"filter","where":{"field":"v","gt":1}},{"op":"processor","name":"enrich"}]""");

        assertThat(StormStreamSupport.refusals(enriching, PortableExtensions.none()))
                .singleElement().satisfies(error -> {
                    assertThat(error.pointer()).isEqualTo("/pipeline/1/name");
                    assertThat(error.message()).contains("'enrich'", "HyperIoT-Portable-Processors", "\"engine\": \"kafka\"");
                });
        assertThat(StormStreamSupport.refusals(enriching, new PortableExtensions(Map.of("enrich", "org.example.Enrich"),
                Map.of(), Map.of("org.example.Enrich", URI.create("mvn:org.example/enrich/1.0"))))).isEmpty();
    }

    @Test
    void aKeyByThatRepartitionsRunsOnStormAsOnKafka() {
        assertThat(StormStreamSupport.refusals(stream("""
                [{"op":"keyBy","field":"deviceId"},
                 {"op":"window","type":"tumbling","size":"5s","aggregate":[{"fn":"count","as":"n"}]}]"""), PortableExtensions.none()))
                .isEmpty();
    }
}
