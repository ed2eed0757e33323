package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;

import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Test;

class ProcessorsResourceTest {

    @Test
    void listsTheRegisteredProcessorsAndAggregators() {
        InMemoryStreamManager manager = new InMemoryStreamManager();
        manager.processors.add(new ProcessorInfo("celsius-to-kelvin", ProcessorInfo.Kind.PROCESSOR,
                "com.example.telemetry", "1.2.0"));
        manager.processors.add(new ProcessorInfo("p95", ProcessorInfo.Kind.AGGREGATOR, "com.example.stats", "0.9.1"));

        Reply reply = call(new ProcessorsResource(manager)::list);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().toString()).isEqualTo("["
                + "{\"name\":\"celsius-to-kelvin\",\"kind\":\"processor\",\"bundle\":\"com.example.telemetry\",\"version\":\"1.2.0\"},"
                + "{\"name\":\"p95\",\"kind\":\"aggregator\",\"bundle\":\"com.example.stats\",\"version\":\"0.9.1\"}]");
    }

    @Test
    void answers503WhenTheStreamRuntimeIsAbsent() {
        Reply reply = call(new ProcessorsResource()::list);

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.code()).isEqualTo("STREAMS_UNAVAILABLE");
    }
}
