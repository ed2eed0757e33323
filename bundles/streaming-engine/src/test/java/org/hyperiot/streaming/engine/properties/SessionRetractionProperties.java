package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A consumer that keeps the latest result per session window and deletes a window when it is
 * retracted ends with exactly the sessions of the brute-force oracle, however disordered the input
 * (within the allowed lateness) and whichever emit mode: merges never leave a superseded session
 * behind.
 */
class SessionRetractionProperties {

    /** More than any disorder {@link Scenarios#unboundedDisorder} produces, so that no record is late. */
    private static final long LATENESS = 1_000;

    record Case(long maxDisorder, long gap, EmitMode emit, List<Event> events) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs().between(0, 50), Arbitraries.longs().between(1, 60),
                Arbitraries.of(EmitMode.class), Scenarios.unboundedDisorder(60)).as(Case::new);
    }

    private record WindowKey(String key, Object start, Object end) {
    }

    @Property(tries = 1000)
    void aConsumerApplyingRetractionsEndsWithTheOracleSessions(@ForAll("cases") Case c) {
        WindowShape shape = new WindowShape.Session(c.gap());
        TaskHarness run = TaskHarness.runAll(TaskHarness.windowed(c.maxDisorder(), shape,
                WindowOracle.withAggregates(shape.builder()).allowedLateness(Duration.ofMillis(LATENESS))
                        .emit(c.emit())), c.events());

        Map<WindowKey, StreamRecord> table = new LinkedHashMap<>();
        for (StreamRecord result : run.results) {
            Map<?, ?> value = (Map<?, ?>) result.value();
            WindowKey window = new WindowKey(result.key(), value.get("windowStart"), value.get("windowEnd"));
            if (Boolean.TRUE.equals(value.get("retracted"))) {
                // Only what was published is retracted.
                assertThat(table).containsKey(window);
                table.remove(window);
            } else {
                table.put(window, result);
            }
        }

        assertThat(run.late).isEmpty();
        assertThat(new ArrayList<>(table.values()))
                .containsExactlyInAnyOrderElementsOf(WindowOracle.finalResults(shape, c.events()));
    }
}
