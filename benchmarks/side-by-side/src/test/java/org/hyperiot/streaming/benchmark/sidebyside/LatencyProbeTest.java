package org.hyperiot.streaming.benchmark.sidebyside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LatencyProbeTest {

    @Test
    void eachMeasuredSecondGetsItsOwnPercentilesSoThatABadSecondStandsOut() {
        long from = 10_000;
        // Second 0: a hundred readings at 5 ms; second 2: a pause held ten of a hundred back 400 ms.
        long[] sentAts = new long[200];
        long[] latencies = new long[200];
        for (int i = 0; i < 100; i++) {
            sentAts[i] = from + i;
            latencies[i] = 5;
            sentAts[100 + i] = from + 2_000 + i;
            latencies[100 + i] = i < 90 ? 6 : 400;
        }

        assertEquals("0s 5/5/5, 2s 6/400/400", LatencyProbe.bySecond(sentAts, latencies, 200, from));
    }
}
