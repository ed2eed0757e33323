package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Reading;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Tuple;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Window;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class EngineBoltEqualityProperties {

    /**
     * Whatever the readings, the size of the tuples before and after the rewind, the pace of the clock
     * and of the ticks, where the lost tuple is and which acknowledged position the spout rewinds to: the
     * bolt fails the tuple after the gap, acknowledges every other one, and its outputs (committed ones,
     * under exactly-once) are the engine driver's for every reading once, in order.
     */
    @Property(tries = 300)
    void aRewoundPartitionGivesWhatTheEngineGivesForEveryRecordOnce(
            @ForAll long seed, @ForAll Window window, @ForAll boolean microBatch, @ForAll boolean exactlyOnce,
            @ForAll @IntRange(min = 60, max = 300) int records,
            @ForAll @IntRange(min = 1, max = 20) int tupleSize, @ForAll @IntRange(min = 1, max = 20) int replaySize,
            @ForAll @IntRange(min = 10, max = 400) int betweenTuplesMs, @ForAll @IntRange(min = 1, max = 6) int tickEvery,
            @ForAll @IntRange(min = 0, max = 10_000) int lostAt, @ForAll @IntRange(min = 0, max = 10_000) int rewindAt) {
        List<Reading> readings = EngineBoltComparison.readings(new Random(seed), records);
        try (EngineBoltComparison bolt = new EngineBoltComparison(window, microBatch,
                exactlyOnce ? "exactly-once" : "at-least-once", readings, Duration.ofMillis(betweenTuplesMs),
                tickEvery)) {
            // Native mode: a record per tuple.
            List<List<Reading>> chunks = EngineBoltComparison.chunks(readings, microBatch ? tupleSize : 1);
            int lost = 1 + lostAt % (chunks.size() - 2);
            List<Tuple> sent = new ArrayList<>();
            for (List<Reading> chunk : chunks.subList(0, lost)) {
                sent.add(bolt.send(0, chunk));
            }
            TreeSet<Long> acknowledged = new TreeSet<>(List.of(EngineBoltComparison.START));
            bolt.acked.forEach(tuple -> acknowledged.add(tuple.to()));
            long rewound = new ArrayList<>(acknowledged).get(rewindAt % acknowledged.size());

            Tuple afterGap = bolt.send(0, chunks.get(lost + 1));
            List<List<Reading>> replay = EngineBoltComparison.chunks(bolt.from(rewound), microBatch ? replaySize : 1);
            Tuple stale = null;
            for (int i = 0; i < replay.size(); i++) {
                sent.add(bolt.send(1, replay.get(i)));
                if (i == 0 && lost + 2 < chunks.size()) {
                    // Emitted before the rewind, arriving after the replay's first tuple: taken by its offsets,
                    // failed if it starts after what the bolt has processed, else processed or skipped.
                    stale = bolt.tuple(0, chunks.get(lost + 2));
                    bolt.send(stale, chunks.get(lost + 2));
                }
            }
            bolt.commitAll();

            assertThat(bolt.boltOutput()).isEqualTo(bolt.driverOutput());
            assertThat(bolt.failed.get(0)).isEqualTo(afterGap);
            List<Tuple> failedOrStale = new ArrayList<>(List.of(afterGap));
            if (stale != null) {
                failedOrStale.add(stale);
            }
            assertThat(failedOrStale).containsAll(bolt.failed);
            List<Tuple> answered = new ArrayList<>(bolt.acked);
            answered.addAll(bolt.failed);
            List<Tuple> every = new ArrayList<>(sent);
            every.addAll(failedOrStale);
            assertThat(answered).containsExactlyInAnyOrderElementsOf(every);
            assertThat(bolt.tasks.recordsIn()).isEqualTo(records);
        }
    }
}
