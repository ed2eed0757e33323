package org.hyperiot.streaming.engine.properties;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;

/** Generators shared by the properties. */
final class Scenarios {

    static final List<String> KEYS = Arrays.asList("a", "b", "c", null);

    private Scenarios() {
    }

    private record Step(int key, long forward, long back, long value) {
    }

    /**
     * Events whose disorder stays within {@code maxDisorder}: each event is at most that much older than
     * the newest event before it, so none is ever behind the watermark.
     */
    static Arbitrary<List<Event>> boundedDisorder(long maxDisorder, int maxEvents) {
        return events(Arbitraries.longs().between(0, maxDisorder), maxEvents);
    }

    /** Events that may be arbitrarily far behind the newest one, so some are late. */
    static Arbitrary<List<Event>> unboundedDisorder(int maxEvents) {
        return events(Arbitraries.longs().between(0, 400), maxEvents);
    }

    private static Arbitrary<List<Event>> events(Arbitrary<Long> back, int maxEvents) {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, KEYS.size() - 1),
                Arbitraries.longs().between(0, 40),
                back,
                Arbitraries.longs().between(-100, 100)).as(Step::new);
        Arbitrary<Long> start = Arbitraries.longs().between(-1_000, 1_000);
        // Uniform sizes: jqwik's default favours short lists, but windows need many records to interact.
        Arbitrary<List<Step>> steps = step.list().ofMaxSize(maxEvents).withSizeDistribution(RandomDistribution.uniform());
        return Combinators.combine(start, steps).as((first, stepList) -> {
            List<Event> events = new ArrayList<>(stepList.size());
            long newest = first;
            for (Step s : stepList) {
                long time = newest + s.forward() - s.back();
                newest = Math.max(newest, time);
                events.add(new Event(KEYS.get(s.key()), time, s.value()));
            }
            return events;
        });
    }

    static Arbitrary<WindowShape> timeWindows() {
        Arbitrary<WindowShape> tumbling = Arbitraries.longs().between(1, 120).map(WindowShape.Tumbling::new);
        Arbitrary<WindowShape> sliding = Arbitraries.longs().between(1, 120).flatMap(size ->
                Arbitraries.longs().between(1, size).map(slide -> new WindowShape.Sliding(size, slide)));
        Arbitrary<WindowShape> session = Arbitraries.longs().between(1, 60).map(WindowShape.Session::new);
        return Arbitraries.oneOf(tumbling, sliding, session);
    }

    static Arbitrary<WindowShape> countWindows() {
        return Arbitraries.longs().between(1, 6).flatMap(size ->
                Arbitraries.longs().between(1, size).map(slide -> new WindowShape.Count(size, slide)));
    }

    static Arbitrary<WindowShape> anyWindow() {
        return Arbitraries.oneOf(timeWindows(), countWindows());
    }
}
