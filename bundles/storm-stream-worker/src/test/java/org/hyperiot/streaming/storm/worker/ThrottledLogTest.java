package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLogTest {

    @Test
    void oncePerIntervalPerKind() {
        AtomicLong now = new AtomicLong(0);
        ThrottledLog log = new ThrottledLog(LoggerFactory.getLogger(ThrottledLogTest.class), 30_000, now::get);

        assertThat(log.warn("poll", "down", null)).isTrue();
        assertThat(log.warn("commit", "refused", null)).as("another kind").isTrue();
        now.set(29_999);
        assertThat(log.warn("poll", "down", null)).isFalse();
        now.set(30_000);
        assertThat(log.warn("poll", "down", null)).isTrue();
        assertThat(log.warn("poll", "down", null)).isFalse();
    }
}
