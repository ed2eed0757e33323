package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class FailureTimingTest {

    private final AtomicLong clock = new AtomicLong();
    private final FailureTiming timing = new FailureTiming(Duration.ofMillis(20), Duration.ofMillis(500), clock::get);

    private static long ms(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    @Test
    void aQuickFailureTakesAsLongAsTheSlowestRecentOne() {
        assertThat(timing.targetNanos(ms(1))).as("the floor").isEqualTo(ms(20));
        assertThat(timing.targetNanos(ms(90))).as("a wrong password that took 90 ms to hash").isEqualTo(ms(90));
        assertThat(timing.targetNanos(ms(1))).as("an unknown user, answered at once").isEqualTo(ms(90));
    }

    @Test
    void noFailureHoldsTheThreadLongerThanTheCap() {
        assertThat(timing.targetNanos(ms(5_000))).isEqualTo(ms(500));
        assertThat(timing.targetNanos(ms(1))).isEqualTo(ms(500));
    }

    @Test
    void anOutlierFadesMinuteByMinute() {
        timing.targetNanos(ms(400));
        clock.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(timing.targetNanos(ms(1))).isEqualTo(ms(200));
    }

    @Test
    void padFailureWaitsOutTheRestOfTheTarget() {
        FailureTiming real = new FailureTiming(Duration.ofMillis(30), Duration.ofMillis(500), System::nanoTime);
        long started = System.nanoTime();
        real.padFailure(started);
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(ms(30));
    }
}
