package org.hyperiot.streaming.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;

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

    @Test
    void aCommitsLatenciesLandInTheBucketsTheyLandInOneByOne() {
        // Every latency up to 20 s (each bucket boundary up to there), then random ones up to days, in
        // order and shuffled, so that the bucket remembered from the record before is right and wrong.
        long[] latencies = new long[20_001 + 5_000];
        for (int i = 0; i <= 20_000; i++) {
            latencies[i] = i;
        }
        Random random = new Random(42);
        for (int i = 20_001; i < latencies.length; i++) {
            latencies[i] = (long) Math.exp(random.nextDouble() * Math.log(400_000_000.0));
        }
        long now = 1_000_000_000_000L;
        for (boolean shuffled : new boolean[] {false, true}) {
            long[] order = latencies.clone();
            if (shuffled) {
                for (int i = order.length - 1; i > 0; i--) {
                    int j = random.nextInt(i + 1);
                    long swap = order[i];
                    order[i] = order[j];
                    order[j] = swap;
                }
            }
            LatencyHistogram oneByOne = new LatencyHistogram();
            long[] startedAt = new long[order.length];
            for (int i = 0; i < order.length; i++) {
                oneByOne.record(order[i]);
                startedAt[i] = now - order[i];
            }
            LatencyHistogram perCommit = new LatencyHistogram();
            perCommit.recordSince(now, startedAt, startedAt.length);

            // Equal at the rank of every record means equal counts in every bucket.
            for (int rank = 1; rank <= order.length; rank++) {
                double q = (double) rank / order.length;
                assertThat(perCommit.quantile(q)).as("rank %d, shuffled %s", rank, shuffled)
                        .isEqualTo(oneByOne.quantile(q));
            }
        }
    }
}
