package org.hyperiot.streaming.runtime.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.junit.jupiter.api.Test;

class StoredStreamCodecTest {

    private final StoredStreamCodec codec = new StoredStreamCodec();

    private static StoredStream stream(String name) {
        return new StoredStream(new StreamDefinitionReader().read("""
                {"name":"%s","source":{"topics":["in"]},"pipeline":[],"sink":{"topic":"out"}}""".formatted(name)),
                StoredStream.Desired.RUNNING, 3, 42);
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aStreamComesBackAsItWasWritten() {
        assertThat(codec.decode("s", codec.encode(stream("s")))).contains(stream("s"));
    }

    @Test
    void recordsThatAreNoValidStreamAreSkippedInsteadOfFailingEveryRead() {
        assertThat(codec.decode("s", bytes("not json"))).isEmpty();
        assertThat(codec.decode("s", bytes("[1,2]"))).isEmpty();
        assertThat(codec.decode("s", bytes("{\"definition\":{\"name\":\"s\"},\"desired\":\"RUNNING\"}"))).isEmpty();
        assertThat(codec.decode("s", bytes("{\"definition\":" + new String(codec.encode(stream("s")), StandardCharsets.UTF_8)
                .replace("RUNNING", "FLYING") + "}"))).isEmpty();
        assertThat(codec.decode("s", bytes(new String(codec.encode(stream("s")), StandardCharsets.UTF_8)
                .replace("\"RUNNING\"", "\"FLYING\"")))).isEmpty();
    }

    @Test
    void aRecordWhoseDefinitionIsNamedOtherwiseThanItsKeyIsSkipped() {
        assertThat(codec.decode("ghost", codec.encode(stream("s")))).isEmpty();
    }
}
