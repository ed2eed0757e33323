package org.hyperiot.streaming.saga.internal.machine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void theContractsExampleDoublesFrom200msUpTo5s() {
        RetryPolicy policy = Sagas.EXAMPLE_RETRY;
        assertThat(java.util.stream.IntStream.rangeClosed(1, 8).mapToObj(n -> RetryBackoff.delayAfter(policy, n).toMillis()))
                .containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L);
    }

    @Test
    void aFractionalMultiplierIsRoundedDownToWholeMilliseconds() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofMillis(100), 1.5, Duration.ofMinutes(1), 10);
        assertThat(RetryBackoff.delayAfter(policy, 2)).isEqualTo(Duration.ofMillis(150));
        assertThat(RetryBackoff.delayAfter(policy, 3)).isEqualTo(Duration.ofMillis(225));
        assertThat(RetryBackoff.delayAfter(policy, 4)).isEqualTo(Duration.ofMillis(337));
    }

    @Test
    void aMultiplierOfOneWaitsTheSameEveryTime() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofSeconds(2), 1, Duration.ofSeconds(2), 3);
        assertThat(RetryBackoff.delayAfter(policy, 1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryBackoff.delayAfter(policy, 3)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void hugeGrowthTakesTheCapInsteadOfOverflowing() {
        RetryPolicy policy = RetryPolicy.exponential(Duration.ofDays(300), 100, Duration.ofDays(365), 100);
        assertThat(RetryBackoff.delayAfter(policy, 100)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void thereIsNoWaitBeforeTheFirstAttempt() {
        assertThatThrownBy(() -> RetryBackoff.delayAfter(Sagas.EXAMPLE_RETRY, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
