package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.LateRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * With arbitrary disorder, on-close tumbling windows publish one result when the watermark passes the
 * end and one update per record accepted within the allowed lateness; records beyond it go to the
 * late output unchanged. The expectation is simulated record by record from the contract.
 */
class LatenessProperties {

    record Case(long maxDisorder, long lateness, long size, List<Event> events) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs().between(0, 50), Arbitraries.longs().between(0, 100),
                Arbitraries.longs().between(1, 100), Scenarios.unboundedDisorder(60)).as(Case::new);
    }

    private record WindowKey(String key, long start) {
    }

    @Property(tries = 1000)
    void lateRecordsAreUpdatesWithinTheAllowedLatenessAndSideOutputBeyondIt(@ForAll("cases") Case c) {
        TaskHarness run = TaskHarness.runAll(TaskHarness.windowed(c.maxDisorder(), new WindowShape.Tumbling(c.size()),
                WindowOracle.withAggregates(new WindowShape.Tumbling(c.size()).builder())
                        .allowedLateness(Duration.ofMillis(c.lateness()))), c.events());

        Map<WindowKey, List<Event>> contents = new LinkedHashMap<>();
        Map<WindowKey, Boolean> closed = new LinkedHashMap<>();
        Map<WindowKey, List<StreamRecord>> expected = new LinkedHashMap<>();
        List<Long> expectedLate = new ArrayList<>();
        long newest = Long.MIN_VALUE;
        long watermark = Long.MIN_VALUE;
        for (int i = 0; i < c.events().size(); i++) {
            Event e = c.events().get(i);
            newest = Math.max(newest, e.time());
            watermark = Math.max(watermark, newest - c.maxDisorder());
            closeDue(contents, closed, expected, watermark, c.size());
            long start = Math.floorDiv(e.time(), c.size()) * c.size();
            long end = start + c.size();
            WindowKey window = new WindowKey(e.key(), start);
            if (end + c.lateness() <= watermark) {
                expectedLate.add((long) i);
                continue;
            }
            contents.computeIfAbsent(window, w -> new ArrayList<>()).add(e);
            if (end <= watermark) {
                closed.put(window, true);
                publish(expected, window, contents.get(window), c.size());
            }
        }
        closeDue(contents, closed, expected, Long.MAX_VALUE, c.size());

        Map<WindowKey, List<StreamRecord>> actual = new LinkedHashMap<>();
        for (StreamRecord result : run.results) {
            long start = (Long) ((Map<?, ?>) result.value()).get("windowStart");
            actual.computeIfAbsent(new WindowKey(result.key(), start), w -> new ArrayList<>()).add(result);
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(run.late).extracting(l -> l.source().offset()).containsExactlyElementsOf(expectedLate);
        for (LateRecord late : run.late) {
            Event e = c.events().get((int) late.source().offset());
            assertThat(late.source().value()).isEqualTo(e.json());
            assertThat(late.source().key()).isEqualTo(e.key());
            assertThat(late.reason()).isNotBlank();
        }
    }

    private static void closeDue(Map<WindowKey, List<Event>> contents, Map<WindowKey, Boolean> closed,
                                 Map<WindowKey, List<StreamRecord>> expected, long watermark, long size) {
        contents.keySet().stream()
                .filter(w -> !closed.getOrDefault(w, false) && w.start() + size <= watermark)
                .sorted(java.util.Comparator.comparingLong(WindowKey::start)
                        .thenComparing(WindowKey::key, java.util.Comparator.nullsFirst(String::compareTo)))
                .toList()
                .forEach(w -> {
                    closed.put(w, true);
                    publish(expected, w, contents.get(w), size);
                });
    }

    private static void publish(Map<WindowKey, List<StreamRecord>> expected, WindowKey window, List<Event> events,
                                long size) {
        expected.computeIfAbsent(window, w -> new ArrayList<>()).add(WindowOracle.result(window.key(),
                window.start(), window.start() + size, window.start() + size - 1, List.copyOf(events)));
    }
}
