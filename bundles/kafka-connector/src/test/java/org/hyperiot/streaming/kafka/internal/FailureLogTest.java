package org.hyperiot.streaming.kafka.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FailureLogTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final List<String> lines = new ArrayList<>();
    private final FailureLog log = new FailureLog((message, error) -> lines.add(message), Duration.ofMinutes(5),
            new Clock() {
                @Override
                public long millis() {
                    return now.get();
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(now.get());
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            });

    @Test
    void eachDistinctFailureIsLoggedOnceAndAgainOnlyAfterTheIntervalWithItsCount() {
        for (int i = 0; i < 100; i++) {
            log.report("poll|timeout", "poll failed", null);
            log.report("poll|auth", "authentication failed", null);
        }
        assertThat(lines).containsExactly("poll failed", "authentication failed");

        now.addAndGet(Duration.ofMinutes(5).toMillis());
        log.report("poll|timeout", "poll failed", null);

        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("poll failed (again; 99 more times since");
    }

    @Test
    void aRecoveredFailureIsLoggedAtOnceWhenItComesBack() {
        log.report("heartbeat|timeout", "no heartbeat", null);
        log.recoveredAll("heartbeat|");
        log.report("heartbeat|timeout", "no heartbeat", null);

        assertThat(lines).containsExactly("no heartbeat", "no heartbeat");
    }

    @Test
    void onlyABoundedNumberOfFailuresIsRemembered() {
        for (int i = 0; i < 10_000; i++) {
            log.report("malformed|" + i, "malformed " + i, null);
        }
        log.report("malformed|0", "malformed 0", null);

        assertThat(lines).hasSize(10_001).as("the oldest was forgotten, so it is logged again").endsWith("malformed 0");
    }
}
