package org.hyperiot.streaming.engine.internal.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.hyperiot.streaming.engine.SourcePartition;
import org.junit.jupiter.api.Test;

class WatermarkTrackerTest {

    private static final SourcePartition P0 = new SourcePartition("t", 0);
    private static final SourcePartition P1 = new SourcePartition("t", 1);

    @Test
    void isTheHighestEventTimeMinusTheAllowedDisorder() {
        WatermarkTracker tracker = new WatermarkTracker(2000, 0, false);
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);

        assertThat(tracker.onRecord(P0, 10_000, 0)).isTrue();
        assertThat(tracker.current()).isEqualTo(8_000);
        assertThat(tracker.onRecord(P0, 9_000, 0)).isFalse();
        assertThat(tracker.current()).isEqualTo(8_000);
        tracker.onRecord(P0, 12_500, 0);
        assertThat(tracker.current()).isEqualTo(10_500);
    }

    @Test
    void isTheMinimumOverPartitionsAndWaitsForPartitionsWithoutRecords() {
        WatermarkTracker tracker = new WatermarkTracker(0, 0, false);
        tracker.register(P0, 0);
        tracker.register(P1, 0);

        tracker.onRecord(P0, 5_000, 0);
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);
        tracker.onRecord(P1, 3_000, 0);
        assertThat(tracker.current()).isEqualTo(3_000);
        tracker.onRecord(P1, 7_000, 0);
        assertThat(tracker.current()).isEqualTo(5_000);
    }

    @Test
    void leavesOutIdlePartitionsAndUsesTheHighestWhenAllAreIdle() {
        WatermarkTracker tracker = new WatermarkTracker(0, 30_000, false);
        tracker.register(P0, 0);
        tracker.register(P1, 0);
        tracker.onRecord(P0, 5_000, 1_000);
        tracker.onRecord(P1, 1_000, 1_000);
        assertThat(tracker.current()).isEqualTo(1_000);

        tracker.onRecord(P0, 9_000, 20_000);
        assertThat(tracker.current()).isEqualTo(1_000);
        assertThat(tracker.advance(30_999)).isFalse();
        assertThat(tracker.advance(31_000)).isTrue();
        assertThat(tracker.current()).isEqualTo(9_000);

        // P1 comes back with old data: the task watermark does not go back.
        tracker.onRecord(P1, 2_000, 32_000);
        assertThat(tracker.current()).isEqualTo(9_000);

        // Everything idle: the highest partition watermark counts.
        tracker.onRecord(P1, 4_000, 33_000);
        tracker.advance(100_000);
        assertThat(tracker.current()).isEqualTo(9_000);
        tracker.onRecord(P0, 12_000, 100_000);
        tracker.advance(200_000);
        assertThat(tracker.current()).isEqualTo(12_000);
    }

    @Test
    void aPartitionThatNeverDeliversStopsHoldingBackOnceIdle() {
        WatermarkTracker tracker = new WatermarkTracker(0, 1_000, false);
        tracker.register(P0, 0);
        tracker.register(P1, 0);
        tracker.onRecord(P0, 5_000, 500);
        assertThat(tracker.current()).isEqualTo(Long.MIN_VALUE);
        tracker.advance(1_000);
        assertThat(tracker.current()).isEqualTo(5_000);
    }

    @Test
    void revokedPartitionsNoLongerCount() {
        WatermarkTracker tracker = new WatermarkTracker(0, 0, false);
        tracker.onRecord(P0, 5_000, 0);
        tracker.onRecord(P1, 1_000, 0);
        tracker.unregister(P1);
        tracker.advance(0);
        assertThat(tracker.current()).isEqualTo(5_000);
        assertThat(tracker.partitions()).containsExactly(P0);
    }

    @Test
    void followsTheClockForProcessingTime() {
        WatermarkTracker tracker = new WatermarkTracker(100, 0, true);
        tracker.onRecord(P0, 1_000, 1_000);
        assertThat(tracker.current()).isEqualTo(900);
        tracker.advance(5_000);
        assertThat(tracker.current()).isEqualTo(4_900);
    }

    @Test
    void restoresCheckpointedProgress() {
        WatermarkTracker tracker = new WatermarkTracker(0, 0, false);
        tracker.restore(7_000, Map.of(P0, 8_000L, P1, 7_000L), 0);
        assertThat(tracker.current()).isEqualTo(7_000);
        assertThat(tracker.maxEventTimes()).containsEntry(P0, 8_000L).containsEntry(P1, 7_000L);
        tracker.onRecord(P1, 9_000, 0);
        assertThat(tracker.current()).isEqualTo(8_000);
    }

    @Test
    void endOfInputClosesEverything() {
        WatermarkTracker tracker = new WatermarkTracker(0, 0, false);
        tracker.finish();
        assertThat(tracker.current()).isEqualTo(Long.MAX_VALUE);
    }
}
