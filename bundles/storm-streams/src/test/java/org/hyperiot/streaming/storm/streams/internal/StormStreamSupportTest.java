package org.hyperiot.streaming.storm.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

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

        assertThat(StormStreamSupport.refusals(windowed)).isEmpty();
        assertThat(StormStreamSupport.keepsState(windowed)).isTrue();
        assertThat(StormStreamSupport.keepsState(stream("[{\"op\":\"filter\",\"where\":{\"field\":\"v\",\"gt\":1}}]"))).isFalse();
    }

    @Test
    void aCustomProcessorIsRefusedAtTheOperatorThatNamesIt() {
        assertThat(StormStreamSupport.refusals(stream("""
                [{"op":"filter","where":{"field":"v","gt":1}},{"op":"processor","name":"enrich"}]""")))
                .singleElement().satisfies(error -> {
                    assertThat(error.pointer()).isEqualTo("/pipeline/1/name");
                    assertThat(error.message()).contains("'enrich'", "\"engine\": \"kafka\"");
                });
    }

    @Test
    void aKeyByThatRepartitionsIsRefusedAtTheKeyByButNotOneOnASourcePartitionedByTheKey() {
        assertThat(StormStreamSupport.refusals(stream("""
                [{"op":"keyBy","field":"deviceId"},
                 {"op":"window","type":"tumbling","size":"5s","aggregate":[{"fn":"count","as":"n"}]}]""")))
                .singleElement().satisfies(error -> {
                    assertThat(error.pointer()).isEqualTo("/pipeline/0");
                    assertThat(error.message()).contains("repartitions", "sourcePartitioned");
                });
        assertThat(StormStreamSupport.refusals(stream("""
                [{"op":"keyBy","field":"deviceId","sourcePartitioned":true},
                 {"op":"window","type":"tumbling","size":"5s","aggregate":[{"fn":"count","as":"n"}]}]"""))).isEmpty();
    }
}
