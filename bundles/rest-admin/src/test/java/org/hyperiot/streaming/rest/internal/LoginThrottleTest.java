package org.hyperiot.streaming.rest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong clock = new AtomicLong();
    private final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(3, 5, Duration.ofSeconds(1),
            Duration.ofSeconds(8), Duration.ofMinutes(15), 100), clock::get);

    private void advance(Duration by) {
        clock.addAndGet(by.toNanos());
    }

    @Test
    void theFreeFailuresLockNothingAndEachFurtherOneDoublesTheLockoutUpToTheMaximum() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("bob", "10.0.0.1");
        }
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).isEmpty();

        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).contains(Duration.ofSeconds(1));
        assertThat(throttle.lockedOut("bob", "10.0.0.2")).as("the user is locked from anywhere").contains(Duration.ofSeconds(1));
        assertThat(throttle.lockedOut("alice", "10.0.0.1")).as("the address has failures to spare").isEmpty();

        advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).isEmpty();
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).contains(Duration.ofSeconds(2));
        advance(Duration.ofSeconds(2));
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).contains(Duration.ofSeconds(4));
        advance(Duration.ofSeconds(4));
        throttle.failed("bob", "10.0.0.1");
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).contains(Duration.ofSeconds(8));
    }

    @Test
    void anAddressGuessingManyUsersIsLockedOutForAll() {
        for (int i = 0; i < 6; i++) {
            throttle.failed("user" + i, "10.0.0.9");
        }
        assertThat(throttle.lockedOut("someone-else", "10.0.0.9")).contains(Duration.ofSeconds(1));
        assertThat(throttle.lockedOut("someone-else", "10.0.0.8")).isEmpty();
    }

    @Test
    void aSuccessForgivesTheUserAndTheAddress() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("bob", "10.0.0.1");
        }
        throttle.succeeded("bob", "10.0.0.1");
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("bob", "10.0.0.1");
        }
        advance(Duration.ofMinutes(16));
        throttle.failed("bob", "10.0.0.1");
        assertThat(throttle.lockedOut("bob", "10.0.0.1")).isEmpty();
    }

    @Test
    void inventedNamesCannotGrowTheMemoryBeyondTheBound() {
        for (int i = 0; i < 10_000; i++) {
            advance(Duration.ofMillis(1));
            throttle.failed("invented-" + i, "10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(throttle.trackedCount()).isLessThanOrEqualTo(100);
    }
}
