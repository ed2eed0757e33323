package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.KeyByOperator;
import org.hyperiot.streaming.api.ProcessingMode;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.engine.Json;
import org.hyperiot.streaming.engine.repartition.SimulatedRuntime;
import org.hyperiot.streaming.engine.repartition.SimulatedRuntime.Published;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * A stream keyed by a field that spans source partitions gives, over every windowing task together,
 * exactly what the brute-force oracle computes from the whole input taken as one stream: one result
 * per key and window, no record late when each is within maxOutOfOrderness of the newest record before
 * it in the whole input. The input is spread over up to four source partitions at random, some of
 * them silent or stopping early; the runtime is simulated with random interleavings of reads, commits,
 * deliveries through the repartition and processing time, natively or in micro-batches. Processing
 * time moves so that partitions that stopped time out mid-run, but never so far that a partition with
 * records still to come counts as idle ({@link SimulatedRuntime#latestSafeTime()}): a partition taken
 * for idle too early makes records late by design.
 *
 * <p>Two things the oracle cannot know are kept out of the comparison. First/last among records of
 * one key at the same event time depend on arrival order, which the repartition does not keep across
 * source partitions, so such duplicates are removed from the input. Count windows number a key's
 * records in arrival order, so they are checked with each key's records in one source partition.
 */
class RepartitionProperties {

    private static final int MAX_PARTITIONS = 4;
    private static final int MAX_EVENTS = 60;

    /**
     * Where the input sits and how the runtime behaves.
     *
     * @param stopsAtPercent per source partition, the share of the input after which it receives no
     *                       more records (0: silent; partition 0 always receives to the end)
     * @param placement      per record (or per key), a source partition, modulo the partition count
     * @param salt           varies which repartition partition each key hashes to
     * @param schedule       seed of the runtime's interleaving
     */
    record Layout(int sourcePartitions, int repartitionPartitions, List<Integer> stopsAtPercent,
                  List<Integer> placement, int salt, long schedule, long maxClockStep, boolean microBatch) {

        int partitionOfRecord(int index, int count) {
            int partition = placement.get(index) % sourcePartitions;
            return index * 100L < (long) stopsAtPercent.get(partition) * count ? partition : 0;
        }

        int partitionOfKey(String key) {
            return placement.get(Scenarios.KEYS.indexOf(key)) % sourcePartitions;
        }

        SimulatedRuntime.KeyPartitioner partitioner() {
            return (key, partitions) -> Math.floorMod(Objects.hash(salt, key), partitions);
        }
    }

    record Case(long maxDisorder, Long idleTimeout, long lateness, WindowShape shape, EmitMode emit, Layout layout,
                List<Event> events) {
    }

    private static Arbitrary<Layout> layouts() {
        Arbitrary<Integer> stopsAt = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(0)),
                Tuple.of(3, Arbitraries.integers().between(1, 99)),
                Tuple.of(4, Arbitraries.just(100)));
        return Combinators.combine(
                Arbitraries.integers().between(1, MAX_PARTITIONS),
                Arbitraries.integers().between(1, MAX_PARTITIONS),
                stopsAt.list().ofSize(MAX_PARTITIONS).map(RepartitionProperties::partitionZeroReceivesAll),
                Arbitraries.integers().between(0, MAX_PARTITIONS - 1).list().ofSize(MAX_EVENTS),
                Arbitraries.integers(),
                Arbitraries.longs(),
                Arbitraries.longs().between(0, 100),
                Arbitraries.of(false, true)).as(Layout::new);
    }

    private static List<Integer> partitionZeroReceivesAll(List<Integer> stops) {
        List<Integer> copy = new ArrayList<>(stops);
        copy.set(0, 100);
        return copy;
    }

    private static Arbitrary<Case> cases(Arbitrary<WindowShape> shapes, Arbitrary<EmitMode> emits) {
        return Arbitraries.longs().between(0, 100).flatMap(disorder -> Combinators.combine(
                Arbitraries.longs().between(1, 300).injectNull(0.3),
                Arbitraries.longs().between(0, 100),
                shapes, emits, layouts(), Scenarios.boundedDisorder(disorder, MAX_EVENTS))
                .as((idle, lateness, shape, emit, layout, events) ->
                        new Case(disorder, idle, lateness, shape, emit, layout, events)));
    }

    private static Arbitrary<EmitMode> onClose() {
        return Arbitraries.just(EmitMode.ON_CLOSE);
    }

    private static Arbitrary<WindowShape> only(Class<? extends WindowShape> type) {
        return Scenarios.timeWindows().filter(type::isInstance);
    }

    @Provide
    Arbitrary<Case> tumbling() {
        return cases(only(WindowShape.Tumbling.class), onClose());
    }

    @Provide
    Arbitrary<Case> sliding() {
        return cases(only(WindowShape.Sliding.class), onClose());
    }

    @Provide
    Arbitrary<Case> session() {
        return cases(only(WindowShape.Session.class), onClose());
    }

    @Provide
    Arbitrary<Case> count() {
        return cases(Scenarios.countWindows(), onClose());
    }

    @Provide
    Arbitrary<Case> fixedTimeWindowsEveryUpdate() {
        return cases(Scenarios.timeWindows().filter(s -> !(s instanceof WindowShape.Session)),
                Arbitraries.just(EmitMode.EVERY_UPDATE));
    }

    @Provide
    Arbitrary<Case> sessionEitherEmit() {
        return cases(only(WindowShape.Session.class), Arbitraries.of(EmitMode.class));
    }

    @Provide
    Arbitrary<Case> anyWindow() {
        return cases(Scenarios.anyWindow(), onClose());
    }

    // Without edge cases: over this many parameters, jqwik's would mostly be empty inputs on one partition.
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void tumblingWindowsAcrossPartitionsMatchTheOracle(@ForAll("tumbling") Case c) {
        assertOnCloseMatchesOracle(c);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void slidingWindowsAcrossPartitionsMatchTheOracle(@ForAll("sliding") Case c) {
        assertOnCloseMatchesOracle(c);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void sessionWindowsAcrossPartitionsMatchTheOracle(@ForAll("session") Case c) {
        assertOnCloseMatchesOracle(c);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void countWindowsAcrossPartitionsMatchTheOracle(@ForAll("count") Case c) {
        Run run = run(c, false, true);
        run.assertNothingLateOrFailed();
        assertThat(run.runtime.results())
                .containsExactlyInAnyOrderElementsOf(WindowOracle.finalResults(c.shape(), run.events));
    }

    /**
     * Every-update gives each window one update per record in it, whatever the arrival order (the
     * count goes 1, 2, …), and the last update is the oracle's result.
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void everyUpdateEndsWithTheOracleResultAfterOneUpdatePerRecord(@ForAll("fixedTimeWindowsEveryUpdate") Case c) {
        Run run = run(c, false, false);
        run.assertNothingLateOrFailed();

        Map<WindowKey, List<StreamRecord>> updates = new LinkedHashMap<>();
        for (StreamRecord result : run.runtime.results()) {
            updates.computeIfAbsent(WindowKey.of(result), w -> new ArrayList<>()).add(result);
        }
        Map<WindowKey, StreamRecord> expected = new LinkedHashMap<>();
        WindowOracle.finalResults(c.shape(), run.events).forEach(r -> expected.put(WindowKey.of(r), r));
        assertThat(updates.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        updates.forEach((window, versions) -> {
            List<Object> counts = versions.stream().<Object>map(r -> ((Map<?, ?>) r.value()).get("n")).toList();
            assertThat(counts).containsExactlyElementsOf(countingTo(versions.size()));
            assertThat(versions.get(versions.size() - 1)).isEqualTo(expected.get(window));
        });
    }

    /** A consumer applying retractions ends with the oracle's sessions, in both emit modes. */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void sessionUpdatesWithRetractionsEndWithTheOracleSessions(@ForAll("sessionEitherEmit") Case c) {
        Run run = run(c, false, false);
        run.assertNothingLateOrFailed();

        Map<WindowKey, StreamRecord> table = new LinkedHashMap<>();
        for (StreamRecord result : run.runtime.results()) {
            WindowKey window = WindowKey.of(result);
            if (Boolean.TRUE.equals(((Map<?, ?>) result.value()).get("retracted"))) {
                assertThat(table).containsKey(window);
                table.remove(window);
            } else {
                table.put(window, result);
            }
        }
        assertThat(new ArrayList<>(table.values()))
                .containsExactlyInAnyOrderElementsOf(WindowOracle.finalResults(c.shape(), run.events));
    }

    /**
     * With each key's records in one source partition and {@code sourcePartitioned: true}, one complete
     * task per source partition, without repartition, gives the oracle's results as well.
     */
    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void aSourcePartitionedByTheKeyNeedsNoRepartition(@ForAll("anyWindow") Case c) {
        Run run = run(c, true, true);
        assertThat(run.runtime.windowingTasks()).isEmpty();
        run.assertNothingLateOrFailed();
        if (c.shape().isTimeWindow()) {
            run.assertPublishedOnlyOnceClosed();
        }
        assertThat(run.runtime.results())
                .containsExactlyInAnyOrderElementsOf(WindowOracle.finalResults(c.shape(), run.events));
    }

    private static void assertOnCloseMatchesOracle(Case c) {
        Run run = run(c, false, false);
        run.assertNothingLateOrFailed();
        run.assertPublishedOnlyOnceClosed();
        List<StreamRecord> expected = WindowOracle.finalResults(c.shape(), run.events);
        if (run.closedByIdleness != null) {
            // Every partition idle: each windowing task's watermark is the newest record's, less the disorder.
            List<StreamRecord> closed = expected.stream()
                    .filter(r -> closes(c.shape(), windowEnd(r), run.closedByIdleness)).toList();
            assertThat(run.beforeEnd).containsExactlyInAnyOrderElementsOf(closed);
        }
        assertThat(run.runtime.results()).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** The simulated runtime after the whole input, with what it had published before the end of input. */
    private record Run(SimulatedRuntime runtime, List<Event> events, List<StreamRecord> beforeEnd,
                       Long closedByIdleness, WindowShape shape) {

        void assertNothingLateOrFailed() {
            assertThat(runtime.late()).isEmpty();
            assertThat(runtime.lateCount()).isZero();
            assertThat(runtime.deadLetters()).isEmpty();
        }

        /** On-close: a task publishes a window only once the watermark it reports has passed the end. */
        void assertPublishedOnlyOnceClosed() {
            for (Published published : runtime.published()) {
                assertThat(closes(shape, windowEnd(published.record()), published.watermark()))
                        .as("%s published at watermark %d", published.record(), published.watermark()).isTrue();
            }
        }
    }

    private static Run run(Case c, boolean sourcePartitioned, boolean keysStayInOnePartition) {
        Layout layout = c.layout();
        List<Event> events = keysStayInOnePartition ? c.events() : distinctTimesPerKey(c.events());
        SimulatedRuntime runtime = new SimulatedRuntime(definition(c, sourcePartitioned), layout.sourcePartitions(),
                layout.partitioner());
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            int partition = keysStayInOnePartition ? layout.partitionOfKey(e.key())
                    : layout.partitionOfRecord(i, events.size());
            runtime.append(partition, "device-" + i % 7, Json.object("k", e.key(), "t", e.time(), "v", e.value()), 0);
        }
        runtime.runRandomly(new Random(layout.schedule()), layout.maxClockStep());
        Long closedByIdleness = null;
        if (c.idleTimeout() != null && !events.isEmpty() && !sourcePartitioned) {
            runtime.advanceProcessingTime(runtime.processingTime() + c.idleTimeout());
            runtime.settle();
            long newest = events.stream().mapToLong(Event::time).max().getAsLong();
            closedByIdleness = newest - c.maxDisorder();
            assertThat(runtime.windowingTasks()).extracting(task -> task.metrics().watermark())
                    .containsOnly(closedByIdleness);
        }
        List<StreamRecord> beforeEnd = runtime.results();
        runtime.endOfInput();
        return new Run(runtime, events, beforeEnd, closedByIdleness, c.shape());
    }

    private static StreamDefinition definition(Case c, boolean sourcePartitioned) {
        WindowOperator.Builder window = WindowOracle.withAggregates(c.shape().builder()).emit(c.emit());
        if (c.shape().isTimeWindow()) {
            window.allowedLateness(Duration.ofMillis(c.lateness()));
        }
        StreamDefinition.Builder builder = StreamDefinition.builder("property")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("t")))
                .watermark(Duration.ofMillis(c.maxDisorder()),
                        c.idleTimeout() == null ? null : Duration.ofMillis(c.idleTimeout()))
                .operator(new KeyByOperator("k", sourcePartitioned,
                        sourcePartitioned ? null : c.layout().repartitionPartitions()))
                .window(window)
                .sink("out");
        if (c.shape().isTimeWindow()) {
            builder.lateRecords("late");
        }
        if (c.layout().microBatch()) {
            builder.mode(ProcessingMode.MICRO_BATCH).batch(Duration.ofMillis(500), 10);
        }
        return builder.build();
    }

    /** True when a window ending at {@code end} is closed at {@code watermark}. */
    private static boolean closes(WindowShape shape, long end, long watermark) {
        // A session is open while a record at its end would still join it.
        return shape instanceof WindowShape.Session ? end < watermark : end <= watermark;
    }

    private static long windowEnd(StreamRecord result) {
        return (Long) ((Map<?, ?>) result.value()).get("windowEnd");
    }

    private static List<Object> countingTo(int n) {
        List<Object> counts = new ArrayList<>();
        for (long i = 1; i <= n; i++) {
            counts.add(i);
        }
        return counts;
    }

    /** Keeps the first record of each key and event time, so that first and last have no ties. */
    private static List<Event> distinctTimesPerKey(List<Event> events) {
        Set<List<Object>> seen = new HashSet<>();
        List<Event> kept = new ArrayList<>();
        for (Event e : events) {
            if (seen.add(Arrays.asList(e.key(), e.time()))) {
                kept.add(e);
            }
        }
        return kept;
    }

    private record WindowKey(String key, Object start, Object end) {
        static WindowKey of(StreamRecord result) {
            Map<?, ?> value = (Map<?, ?>) result.value();
            return new WindowKey(result.key(), value.get("windowStart"), value.get("windowEnd"));
        }
    }
}
