package org.hyperiot.streaming.benchmark.saga.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class LatencyQuantilesTest {

    @Test
    void nearestRankOverAThousandValues() {
        long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray();

        LatencyQuantiles quantiles = LatencyQuantiles.of(latencies);

        assertThat(quantiles.samples()).isEqualTo(1000);
        assertThat(quantiles.p50()).isEqualTo(500);
        assertThat(quantiles.p99()).isEqualTo(990);
        assertThat(quantiles.p999()).isEqualTo(999);
        assertThat(quantiles.max()).isEqualTo(1000);
        assertThat(latencies[0]).as("the input is left as it was").isEqualTo(1000);
    }

    @Test
    void withFewValuesTheHighQuantilesAreTheLargest() {
        LatencyQuantiles quantiles = LatencyQuantiles.of(new long[] {30, 10, 20});

        assertThat(quantiles.p50()).isEqualTo(20);
        assertThat(quantiles.p99()).isEqualTo(30);
        assertThat(quantiles.p999()).isEqualTo(30);
    }

    @Test
    void oneSlowSagaInAHundredIsTheP99() {
        long[] latencies = new long[100];
        java.util.Arrays.fill(latencies, 40);
        latencies[17] = 900;

        assertThat(LatencyQuantiles.of(latencies).p99()).isEqualTo(40);
        latencies[18] = 800;
        assertThat(LatencyQuantiles.of(latencies).p99()).isEqualTo(800);
    }

    @Test
    void noValuesNoQuantiles() {
        LatencyQuantiles quantiles = LatencyQuantiles.of(new long[0]);

        assertThat(quantiles.samples()).isZero();
        assertThat(quantiles.p99()).isNaN();
    }
}
