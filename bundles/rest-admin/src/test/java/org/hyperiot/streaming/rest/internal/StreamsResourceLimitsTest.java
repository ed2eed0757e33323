package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hyperiot.streaming.rest.internal.Exchange.call;
import static org.hyperiot.streaming.rest.internal.Exchange.json;

import java.util.List;

import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.rest.internal.Exchange.Reply;
import org.junit.jupiter.api.Test;

/** What the stream routes refuse before the runtime sees anything: JSON beyond the limits, definitions too large to store. */
class StreamsResourceLimitsTest {

    private final InMemoryStreamManager manager = new InMemoryStreamManager();
    private final StreamsResource resource = new StreamsResource(manager);

    /** A valid definition whose stored form takes about {@code bytes}: set operators with long string values. */
    private static String definitionOfAbout(int bytes) {
        StringBuilder pipeline = new StringBuilder();
        int chunk = 200_000;
        for (int i = 0; i * chunk < bytes; i++) {
            int size = Math.min(chunk, bytes - i * chunk);
            pipeline.append(i == 0 ? "" : ",").append("{\"op\":\"set\",\"field\":\"f").append(i)
                    .append("\",\"value\":\"").append("x".repeat(size)).append("\"}");
        }
        return "{\"name\":\"big\",\"source\":{\"topics\":[\"in\"]},\"pipeline\":[" + pipeline + "],\"sink\":{\"topic\":\"out\"}}";
    }

    @Test
    void aDefinitionTooLargeToStoreIsRefusedWith413AndNeverReachesTheRuntime() {
        String body = definitionOfAbout(StreamsResource.MAX_STORED_DEFINITION_BYTES + 1);
        assertThat(body.length()).isLessThan(1024 * 1024);

        List<Reply> replies = List.of(
                call(() -> resource.create(json(body), Exchange.uri(Exchange.STREAMS_URI))),
                call(() -> resource.update("big", json(body))));

        assertThat(replies).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(413);
            assertThat(reply.code()).isEqualTo("DEFINITION_TOO_LARGE");
            assertThat(reply.body().path("detail").asText()).contains("as stored", "definitions topic");
        });
        assertThat(manager.calls).isEmpty();
        Reply validation = call(() -> resource.validate(json(body)));
        assertThat(validation.body().path("valid").asBoolean()).isFalse();
        assertThat(validation.body().path("errors").get(0).path("message").asText()).contains("as stored");
    }

    @Test
    void aDefinitionJustUnderTheStoredLimitIsStored() {
        String body = definitionOfAbout(StreamsResource.MAX_STORED_DEFINITION_BYTES - 2_000);
        int stored = StreamsResource.storedSize(new StreamDefinitionReader().read(body));
        assertThat(stored).isBetween(StreamsResource.MAX_STORED_DEFINITION_BYTES - 2_000, StreamsResource.MAX_STORED_DEFINITION_BYTES);

        assertThat(call(() -> resource.create(json(body), Exchange.uri(Exchange.STREAMS_URI))).status()).isEqualTo(201);
    }

    @Test
    void jsonBeyondTheLimitsIsA400OnEveryStreamRoute() {
        String deep = "{\"name\":\"s\",\"source\":{\"topics\":[\"in\"]},\"pipeline\":[{\"op\":\"set\",\"field\":\"f\",\"value\":"
                + "[".repeat(5_000) + "]".repeat(5_000) + "}],\"sink\":{\"topic\":\"out\"}}";
        String hugeNumber = "{\"name\":\"s\",\"parallelism\":" + "1".repeat(1_000_000) + "}";
        for (String body : List.of(deep, hugeNumber)) {
            List<Reply> replies = List.of(
                    call(() -> resource.create(json(body), Exchange.uri(Exchange.STREAMS_URI))),
                    call(() -> resource.update("s", json(body))),
                    call(() -> resource.validate(json(body))));
            assertThat(replies).allSatisfy(reply -> {
                assertThat(reply.status()).isEqualTo(400);
                assertThat(reply.code()).isEqualTo("JSON_LIMIT_EXCEEDED");
            });
        }
        assertThat(manager.calls).isEmpty();
    }
}
