package org.hyperiot.streaming.kafka.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FailureStreakTest {

    private final FailureStreak streak = new FailureStreak();

    @Test
    void onlyTheFirstFailureOfARunIsWorthAWarning() {
        assertThat(streak.failed()).isTrue();
        assertThat(streak.failed()).isFalse();
        assertThat(streak.failed()).isFalse();
    }

    @Test
    void aSuccessEndsTheRunWithItsLengthAndTheNextFailureStartsANewOne() {
        streak.failed();
        streak.failed();

        assertThat(streak.succeeded()).isEqualTo(2);
        assertThat(streak.succeeded()).isZero();
        assertThat(streak.failed()).isTrue();
    }
}
