package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;

import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

    @Test
    void readsUpToTheLimit() throws Exception {
        BoundedInputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[10]), 10,
                () -> new IllegalStateException("too large"));

        assertThat(in.readAllBytes()).hasSize(10);
    }

    @Test
    void failsOnTheFirstByteBeyondTheLimit() {
        BoundedInputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[11]), 10,
                () -> new IllegalStateException("too large"));

        assertThatThrownBy(in::readAllBytes).hasMessage("too large");
    }
}
