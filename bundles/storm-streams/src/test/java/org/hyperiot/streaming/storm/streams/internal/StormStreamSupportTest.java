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

        assertThat(StormStreamSupport.unsupported(windowed)).isEmpty();
        assertThat(StormStreamSupport.keepsState(windowed)).isTrue();
        assertThat(StormStreamSupport.keepsState(stream("[{\"op\":\"filter\",\"where\":{\"field\":\"v\",\"gt\":1}}]"))).isFalse();
    }

    @Test
    void aCustomProcessorIsRefusedNamingWhereTheDefinitionUsesIt() {
        assertThat(StormStreamSupport.unsupported(stream("[{\"op\":\"processor\",\"name\":\"enrich\"}]")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("'enrich'", "/pipeline/0", "\"engine\": \"kafka\""));
    }

    @Test
    void aKeyByBeforeAWindowIsRefusedForItRepartitions() {
        assertThat(StormStreamSupport.unsupported(stream("""
                [{"op":"keyBy","field":"deviceId"},
                 {"op":"window","type":"tumbling","size":"5s","aggregate":[{"fn":"count","as":"n"}]}]""")))
                .hasValueSatisfying(reason -> assertThat(reason).contains("keyBy", "repartitions"));
    }
}
