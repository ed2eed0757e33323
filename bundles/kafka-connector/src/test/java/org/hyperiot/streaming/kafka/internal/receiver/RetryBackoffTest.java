package org.hyperiot.streaming.kafka.internal.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    @Test
    void theWaitDoublesFromTheInitialUpToTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(10, Duration.ofMillis(200), Duration.ofSeconds(5));

        List<Long> waits = new ArrayList<>();
        for (int failed = 1; failed < 10; failed++) {
            waits.add(backoff.delayAfter(failed).toMillis());
        }

        assertThat(waits).containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L, 5000L);
    }

    @Test
    void theAttemptsCountTheFirstTry() {
        RetryBackoff backoff = new RetryBackoff(3, Duration.ofMillis(200), Duration.ofSeconds(5));

        assertThat(backoff.retryAfter(1)).isTrue();
        assertThat(backoff.retryAfter(2)).isTrue();
        assertThat(backoff.retryAfter(3)).isFalse();
        assertThat(new RetryBackoff(1, Duration.ZERO, Duration.ZERO).retryAfter(1)).isFalse();
    }

    @Test
    void manyFailuresNeitherOverflowNorExceedTheMaximum() {
        RetryBackoff backoff = new RetryBackoff(Integer.MAX_VALUE, Duration.ofMillis(3), Duration.ofMillis(Long.MAX_VALUE));

        assertThat(backoff.delayAfter(200).toMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(backoff.delayAfter(Integer.MAX_VALUE - 1).toMillis()).isEqualTo(Long.MAX_VALUE);
        assertThat(new RetryBackoff(5, Duration.ZERO, Duration.ofSeconds(1)).delayAfter(4)).isEqualTo(Duration.ZERO);
    }

    @Test
    void nonsensicalSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryBackoff(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryBackoff(3, Duration.ofMillis(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
