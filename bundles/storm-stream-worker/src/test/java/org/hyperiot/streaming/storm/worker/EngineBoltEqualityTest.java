package org.hyperiot.streaming.storm.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.hyperiot.streaming.engine.testing.StreamTestDriver;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Output;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Reading;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Tuple;
import org.hyperiot.streaming.storm.worker.EngineBoltComparison.Window;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One source partition's records run through {@link EngineBoltTasks} on Kafka's mock clients give the
 * sink, late-record and dead-letter outputs that the engine's reference, {@link StreamTestDriver}, gives
 * for the same records in the same order: for every window type, in native mode (a record per tuple)
 * and micro-batch mode (several), under at-least-once and exactly-once (where what counts is what the
 * transactions committed), whether the tuples come one after the other or the spout rewinds the
 * partition in the middle; under exactly-once also when a transaction fails and the partition opens
 * again from its commit and changelog. Neither side ends the input, so windows the watermark has not
 * closed are published by neither.
 */
class EngineBoltEqualityTest {

    private static final int RECORDS = 400;
    private static final int MICRO_BATCH_TUPLE = 7;
    private static final Duration BETWEEN_TUPLES = Duration.ofMillis(150);
    private static final int TICK_EVERY = 3;

    private final List<Reading> readings = EngineBoltComparison.readings(new Random(20_240_611), RECORDS);

    static Stream<Arguments> streams() {
        List<Arguments> streams = new ArrayList<>();
        for (Window window : Window.values()) {
            for (String mode : List.of("native", "micro-batch")) {
                for (String guarantee : List.of("at-least-once", "exactly-once")) {
                    streams.add(Arguments.of(window, mode, guarantee));
                }
            }
        }
        return streams.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("streams")
    void tuplesOneAfterTheOtherGiveWhatTheEngineGives(Window window, String mode, String guarantee) {
        try (EngineBoltComparison bolt = bolt(window, mode, guarantee)) {
            List<Tuple> sent = new ArrayList<>();

            for (List<Reading> chunk : chunks(readings, mode)) {
                sent.add(bolt.send(0, chunk));
            }
            bolt.commitAll();

            assertThat(bolt.boltOutput()).isEqualTo(expected(bolt, window));
            assertThat(bolt.failed).isEmpty();
            assertThat(bolt.acked).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(bolt.tasks.recordsIn()).isEqualTo(RECORDS);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("streams")
    void aRewindToAnAcknowledgedPositionAndATupleAfterAGapGiveWhatTheEngineGives(Window window, String mode,
            String guarantee) {
        try (EngineBoltComparison bolt = bolt(window, mode, guarantee)) {
            List<List<Reading>> chunks = chunks(readings, mode);
            int lost = chunks.size() / 2;
            List<Tuple> sent = new ArrayList<>();
            for (List<Reading> chunk : chunks.subList(0, lost)) {
                sent.add(bolt.send(0, chunk));
            }
            long next = chunks.get(lost).get(0).offset();
            // The spout rewinds to an acknowledged position well behind the last commit, to replay records
            // committed already as well as records processed since.
            List<Long> acknowledged = bolt.acked.stream().map(Tuple::to).sorted().toList();
            assertThat(acknowledged).as("commits before the rewind").hasSizeGreaterThan(4);
            long rewound = acknowledged.get(acknowledged.size() / 2);
            assertThat(rewound).isLessThan(acknowledged.get(acknowledged.size() - 1));

            // The tuple of chunk `lost` went missing on the way: the next one starts after a gap.
            Tuple afterGap = bolt.send(0, chunks.get(lost + 1));
            assertThat(bolt.failed).containsExactly(afterGap);
            assertThat(bolt.tasks.gaps()).isEqualTo(1);
            List<Reading> inFlight = chunks.get(lost + 2);
            Tuple stale = bolt.tuple(0, inFlight);

            // The replay, chunked anew: in micro-batch mode its first tuple ends past the next offset, so
            // it is partly processed already.
            List<Reading> replayed = bolt.from(rewound);
            List<List<Reading>> replay = new ArrayList<>();
            if (mode.equals("micro-batch")) {
                int straddling = (int) (next - rewound) + 2;
                replay.add(replayed.subList(0, straddling));
                replay.addAll(EngineBoltComparison.chunks(replayed.subList(straddling, replayed.size()),
                        MICRO_BATCH_TUPLE - 2));
            } else {
                replay.addAll(EngineBoltComparison.chunks(replayed, 1));
            }
            sent.add(bolt.send(1, replay.get(0)));
            // Emitted before the rewind, arriving after it: by its offsets a gap, so failed (the spout ignores
            // the failure of a tuple of an epoch it has left) and not processed.
            bolt.send(stale, inFlight);
            assertThat(bolt.failed).containsExactly(afterGap, stale);
            for (List<Reading> tuple : replay.subList(1, replay.size())) {
                sent.add(bolt.send(1, tuple));
            }
            bolt.commitAll();

            assertThat(bolt.boltOutput()).isEqualTo(expected(bolt, window));
            assertThat(bolt.failed).containsExactly(afterGap, stale);
            assertThat(bolt.acked).containsExactlyInAnyOrderElementsOf(sent);
            assertThat(bolt.tasks.recordsIn()).isEqualTo(RECORDS);
        }
    }

    static Stream<Arguments> exactlyOnceStreams() {
        return streams().filter(arguments -> arguments.get()[2].equals("exactly-once"));
    }

    /**
     * Under exactly-once a failed transaction leaves nothing behind, and the partition opens again from the
     * offset and the window state the last transaction committed: what the transactions committed in the
     * end is still what the engine gives.
     */
    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("exactlyOnceStreams")
    void aFencedTransactionAndThePartitionRestoredFromTheChangelogGiveWhatTheEngineGives(Window window,
            String mode, String guarantee) {
        try (EngineBoltComparison bolt = bolt(window, mode, guarantee)) {
            List<List<Reading>> chunks = chunks(readings, mode);
            List<Tuple> sent = new ArrayList<>();
            int next = 0;
            while (next < chunks.size() / 2) {
                sent.add(bolt.send(0, chunks.get(next++)));
            }
            long committed = bolt.committedOffset();
            assertThat(committed).isGreaterThan(EngineBoltComparison.START);
            // Another task took the transactional id: this producer's current transaction cannot commit.
            bolt.fenceProducer();
            while (bolt.failed.isEmpty()) {
                sent.add(bolt.send(0, chunks.get(next++)));
            }
            assertThat(bolt.failed).as("the tuples the failed transaction held")
                    .isEqualTo(sent.stream().filter(tuple -> tuple.from() >= committed).toList());
            assertThat(bolt.acked.stream().mapToLong(Tuple::to).max().orElseThrow()).isEqualTo(committed);
            // Emitted before the rewind: the partition opens again from the commit, and the tuple is after a gap.
            Tuple inFlight = bolt.send(0, chunks.get(next));
            assertThat(bolt.failed).endsWith(inFlight);
            sent.add(inFlight);

            // The spout rewinds to its last acknowledged position, chunking anew.
            for (List<Reading> tuple : EngineBoltComparison.chunks(bolt.from(committed),
                    mode.equals("micro-batch") ? MICRO_BATCH_TUPLE + 3 : 1)) {
                sent.add(bolt.send(1, tuple));
            }
            bolt.commitAll();

            assertThat(bolt.boltOutput()).isEqualTo(expected(bolt, window));
            assertThat(bolt.producers()).as("the fenced producer and its successor").isEqualTo(2);
            List<Tuple> verdicts = new ArrayList<>(bolt.acked);
            verdicts.addAll(bolt.failed);
            assertThat(verdicts).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    private EngineBoltComparison bolt(Window window, String mode, String guarantee) {
        return new EngineBoltComparison(window, mode.equals("micro-batch"), guarantee, readings, BETWEEN_TUPLES,
                TICK_EVERY);
    }

    /** The driver's output, checked to be worth comparing: results, every marked reading late, the poison record. */
    private Output expected(EngineBoltComparison bolt, Window window) {
        Output expected = bolt.driverOutput();
        assertThat(expected.sink()).as("results").hasSizeGreaterThan(100);
        assertThat(expected.late()).as("late records").hasSize(
                window.hasLateRecords ? (int) readings.stream().filter(Reading::markedLate).count() : 0);
        assertThat(expected.deadLetters()).as("dead letters").containsExactly("d2 " + EngineBoltComparison.POISON);
        return expected;
    }

    private static List<List<Reading>> chunks(List<Reading> readings, String mode) {
        return EngineBoltComparison.chunks(readings, mode.equals("micro-batch") ? MICRO_BATCH_TUPLE : 1);
    }
}
