package org.hyperiot.streaming.engine.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationFormatTest {

    @ParameterizedTest
    @CsvSource({"250ms,250", "2s,2000", "5m,300000", "1h,3600000", "0ms,0", "0s,0"})
    void parsesTheFourUnits(String text, long millis) {
        assertThat(DurationFormat.parse(text)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "s", "2 s", "-2s", "2.5s", "2S", "1d", "PT2S", "2sec", " 2s"})
    void rejectsAnythingElse(String text) {
        assertThat(DurationFormat.parse(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"250,250ms", "2000,2s", "90000,90s", "300000,5m", "7200000,2h", "0,0ms", "1001,1001ms"})
    void formatsInTheLargestExactUnit(long millis, String text) {
        assertThat(DurationFormat.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(DurationFormat.parse(text)).contains(Duration.ofMillis(millis));
    }

    @org.junit.jupiter.api.Test
    void refusesWhatItCannotWrite() {
        assertThatThrownBy(() -> DurationFormat.format(Duration.ofNanos(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationFormat.format(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
