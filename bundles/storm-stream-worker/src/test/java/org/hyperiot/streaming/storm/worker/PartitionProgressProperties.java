package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PartitionProgressProperties {

    /**
     * Any mix of emits, acknowledgements and failures, fresh or stale, in any order: the committable
     * offset never goes back, never passes what was emitted, and only ever rests on the end of an
     * unbroken run of acknowledged tuples; a rewind leaves nothing in flight and resumes there.
     */
    @Property(tries = 500)
    void theCommittableOffsetOnlyEverCoversAnUnbrokenRunOfAcknowledgedTuples(
            @ForAll @Size(min = 1, max = 200) List<@IntRange(min = 0, max = 99) Integer> steps) {
        PartitionProgress progress = new PartitionProgress(0, 1000);
        List<TupleRange> emitted = new ArrayList<>();
        List<TupleRange> acknowledged = new ArrayList<>();
        long committable = progress.committable();
        for (int step : steps) {
            if (step < 40 || emitted.isEmpty()) {
                emitted.add(progress.emitted(progress.position() + 1 + step % 3));
            } else {
                TupleRange range = emitted.get(step % emitted.size());
                if (step < 90) {
                    if (progress.acknowledged(range)) {
                        assertThat(range.epoch()).isEqualTo(progress.epoch());
                    }
                    if (range.epoch() == progress.epoch()) {
                        acknowledged.add(range);
                    }
                } else if (progress.failed(range)) {
                    assertThat(progress.inFlight()).isZero();
                    assertThat(progress.position()).isEqualTo(progress.committable());
                    acknowledged.removeIf(earlier -> earlier.from() >= progress.committable());
                }
            }
            assertThat(progress.committable()).isGreaterThanOrEqualTo(committable).isLessThanOrEqualTo(progress.position());
            committable = progress.committable();
            assertThat(coveredByAcknowledged(acknowledged, 1000, committable)).isTrue();
        }
    }

    /** Whether the acknowledged tuples cover every position from {@code start} to {@code end} without a hole. */
    private static boolean coveredByAcknowledged(List<TupleRange> acknowledged, long start, long end) {
        long reached = start;
        boolean moved = true;
        while (reached < end && moved) {
            moved = false;
            for (TupleRange range : acknowledged) {
                if (range.from() <= reached && range.to() > reached) {
                    reached = range.to();
                    moved = true;
                }
            }
        }
        return reached >= end;
    }
}
