package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.internal.time.WatermarkTracker;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Provide;

/** The task watermark never decreases and always equals its definition recomputed from the whole history. */
class WatermarkProperties {

    private static final int PARTITIONS = 3;

    /** Either a record on a partition at an event time, or processing time moving on. */
    record Step(boolean record, int partition, long eventTime, long clockAdvance) {
    }

    record Case(long maxDisorder, long idleTimeout, List<Step> steps) {
    }

    @Provide
    Arbitrary<Case> histories() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3).map(i -> i > 0),
                Arbitraries.integers().between(0, PARTITIONS - 1), Arbitraries.longs().between(-500, 5_000),
                Arbitraries.longs().between(0, 400)).as(Step::new);
        return Combinators.combine(Arbitraries.longs().between(0, 300), Arbitraries.longs().between(0, 1_000),
                step.list().ofMaxSize(80).withSizeDistribution(RandomDistribution.uniform())).as(Case::new);
    }

    @Property(tries = 1000)
    void watermarkNeverDecreasesAndFollowsItsDefinition(@ForAll("histories") Case c) {
        WatermarkTracker tracker = new WatermarkTracker(c.maxDisorder(), c.idleTimeout(), false);
        long[] maxEventTime = new long[PARTITIONS];
        long[] lastActivity = new long[PARTITIONS];
        java.util.Arrays.fill(maxEventTime, Long.MIN_VALUE);
        for (int p = 0; p < PARTITIONS; p++) {
            tracker.register(new SourcePartition("t", p), 0);
        }
        long now = 0;
        long expected = Long.MIN_VALUE;
        long previous = tracker.current();
        for (Step step : c.steps()) {
            if (step.record()) {
                tracker.onRecord(new SourcePartition("t", step.partition()), step.eventTime(), now);
                maxEventTime[step.partition()] = Math.max(maxEventTime[step.partition()], step.eventTime());
                lastActivity[step.partition()] = now;
            } else {
                now += step.clockAdvance();
                tracker.advance(now);
            }
            expected = Math.max(expected, definition(maxEventTime, lastActivity, now, c));

            assertThat(tracker.current()).isGreaterThanOrEqualTo(previous).isEqualTo(expected);
            previous = tracker.current();
        }
    }

    /** Minimum over active partitions of (max event time - disorder); the maximum if all are idle. */
    private static long definition(long[] maxEventTime, long[] lastActivity, long now, Case c) {
        long lowestActive = Long.MAX_VALUE;
        long highest = Long.MIN_VALUE;
        boolean anyActive = false;
        for (int p = 0; p < PARTITIONS; p++) {
            long watermark = maxEventTime[p] == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventTime[p] - c.maxDisorder();
            highest = Math.max(highest, watermark);
            boolean idle = c.idleTimeout() > 0 && now - lastActivity[p] >= c.idleTimeout();
            if (!idle) {
                anyActive = true;
                lowestActive = Math.min(lowestActive, watermark);
            }
        }
        return anyActive ? lowestActive : highest;
    }
}
