package org.hyperiot.streaming.runtime.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void quantilesAreExactForSmallValuesAndWithinFivePercentForLargeOnes() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int i = 1; i <= 100; i++) {
            histogram.record(i);
        }
        assertThat(histogram.quantile(0.5)).isEqualTo(50.0);
        assertThat(histogram.quantile(0.99)).isEqualTo(99.0);

        LatencyHistogram slow = new LatencyHistogram();
        for (int i = 0; i < 1000; i++) {
            slow.record(i < 990 ? 1000 : 20_000);
        }
        assertThat(slow.quantile(0.5)).isCloseTo(1000.0, within(50.0));
        assertThat(slow.quantile(0.999)).isCloseTo(20_000.0, within(1000.0));
    }

    @Test
    void emptyHasNoQuantileAndMergeAddsCounts() {
        LatencyHistogram a = new LatencyHistogram();
        assertThat(a.quantile(0.5)).isNull();
        LatencyHistogram b = new LatencyHistogram();
        b.record(7);
        a.merge(b);
        assertThat(a.quantile(0.5)).isEqualTo(7.0);
        a.record(-3);
        assertThat(a.quantile(0.01)).isZero();
    }
}
