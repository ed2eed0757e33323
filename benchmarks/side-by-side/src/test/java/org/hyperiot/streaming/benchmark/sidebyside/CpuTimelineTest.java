package org.hyperiot.streaming.benchmark.sidebyside;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpuTimelineTest {

    @Test
    void readsTheCpuTimeOfAStretchBetweenSamplesAtAnEvenRate() {
        CpuTimeline timeline = new CpuTimeline();
        timeline.add(1_000, 10.0);
        timeline.add(1_100, 10.1);
        timeline.add(1_200, 10.3);
        timeline.add(1_300, 10.3);

        assertThat(timeline.secondsBetween(1_000, 1_300)).isCloseTo(0.3, within(1e-9));
        assertThat(timeline.secondsBetween(1_100, 1_200)).isCloseTo(0.2, within(1e-9));
        // Half of the first interval (0.05) and a quarter of the second (0.05).
        assertThat(timeline.secondsBetween(1_050, 1_125)).isCloseTo(0.1, within(1e-9));
        assertThat(timeline.secondsBetween(1_210, 1_290)).isCloseTo(0.0, within(1e-9));
        assertThat(timeline.totalSeconds()).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void aStretchOutsideTheSamplesHasNoFigure() {
        CpuTimeline timeline = new CpuTimeline();
        timeline.add(1_000, 1.0);
        assertThat(timeline.secondsBetween(1_000, 1_000)).isNaN();
        assertThat(timeline.totalSeconds()).isNaN();

        timeline.add(2_000, 2.0);
        assertThat(timeline.secondsBetween(999, 1_500)).isNaN();
        assertThat(timeline.secondsBetween(1_500, 2_001)).isNaN();
        assertThat(timeline.secondsBetween(1_600, 1_500)).isNaN();
        assertThat(timeline.secondsBetween(1_000, 2_000)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void samplesTakenInTheSameMillisecondCountTheLatestAndUnknownCpuTimesAreSkipped() {
        CpuTimeline timeline = new CpuTimeline();
        timeline.add(1_000, 1.0);
        timeline.add(1_000, 1.5);
        timeline.add(1_500, Double.NaN);
        timeline.add(2_000, 2.5);

        assertThat(timeline.secondsBetween(1_000, 2_000)).isCloseTo(1.0, within(1e-9));
        assertThat(timeline.secondsBetween(1_000, 1_500)).isCloseTo(0.5, within(1e-9));
        assertThatThrownBy(() -> timeline.add(1_999, 3.0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsEverySampleOfALongRun() {
        CpuTimeline timeline = new CpuTimeline();
        for (int i = 0; i <= 10_000; i++) {
            timeline.add(i * 100L, i * 0.15);
        }

        assertThat(timeline.secondsBetween(0, 1_000_000)).isCloseTo(1_500, within(1e-6));
        assertThat(timeline.secondsBetween(500_050, 500_150)).isCloseTo(0.15, within(1e-9));
    }
}
