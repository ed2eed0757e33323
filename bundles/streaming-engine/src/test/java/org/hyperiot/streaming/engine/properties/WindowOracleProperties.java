package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Window results equal a brute-force computation over the whole input, for every window type, when
 * disorder stays within maxOutOfOrderness (so no record is late).
 */
class WindowOracleProperties {

    record Case(long maxDisorder, WindowShape shape, List<Event> events) {
    }

    private static Arbitrary<Case> cases(Arbitrary<WindowShape> shapes) {
        return Arbitraries.longs().between(0, 100).flatMap(disorder -> Combinators.combine(
                shapes, Scenarios.boundedDisorder(disorder, 60)).as((shape, events) -> new Case(disorder, shape, events)));
    }

    @Provide
    Arbitrary<Case> tumbling() {
        return cases(Scenarios.timeWindows().filter(WindowShape.Tumbling.class::isInstance));
    }

    @Provide
    Arbitrary<Case> sliding() {
        return cases(Scenarios.timeWindows().filter(WindowShape.Sliding.class::isInstance));
    }

    @Provide
    Arbitrary<Case> session() {
        return cases(Scenarios.timeWindows().filter(WindowShape.Session.class::isInstance));
    }

    @Provide
    Arbitrary<Case> count() {
        return cases(Scenarios.countWindows());
    }

    private static void assertMatchesOracle(Case c) {
        TaskHarness run = TaskHarness.runAll(
                TaskHarness.windowed(c.maxDisorder(), c.shape(), WindowOracle.withAggregates(c.shape().builder())), c.events());

        assertThat(run.late).isEmpty();
        assertThat(run.results).containsExactlyInAnyOrderElementsOf(WindowOracle.finalResults(c.shape(), c.events()));
    }

    @Property(tries = 500)
    void tumblingWindowsMatchTheOracle(@ForAll("tumbling") Case c) {
        assertMatchesOracle(c);
    }

    @Property(tries = 500)
    void slidingWindowsMatchTheOracle(@ForAll("sliding") Case c) {
        assertMatchesOracle(c);
    }

    @Property(tries = 500)
    void sessionWindowsMatchTheOracle(@ForAll("session") Case c) {
        assertMatchesOracle(c);
    }

    @Property(tries = 500)
    void countWindowsMatchTheOracle(@ForAll("count") Case c) {
        assertMatchesOracle(c);
    }

    @Provide
    Arbitrary<Case> fixedTimeWindows() {
        return cases(Scenarios.timeWindows().filter(s -> !(s instanceof WindowShape.Session)));
    }

    /** Every-update publishes, for each record, every window it falls in, holding the records so far. */
    @Property(tries = 500)
    void everyUpdatePublishesTheRunningAggregate(@ForAll("fixedTimeWindows") Case c) {
        TaskHarness run = TaskHarness.runAll(TaskHarness.windowed(c.maxDisorder(), c.shape(),
                WindowOracle.withAggregates(c.shape().builder()).emit(EmitMode.EVERY_UPDATE)), c.events());

        long size = c.shape() instanceof WindowShape.Tumbling t ? t.size() : ((WindowShape.Sliding) c.shape()).size();
        long slide = c.shape() instanceof WindowShape.Tumbling t ? t.size() : ((WindowShape.Sliding) c.shape()).slide();
        List<StreamRecord> expected = new ArrayList<>();
        for (int i = 0; i < c.events().size(); i++) {
            Event e = c.events().get(i);
            List<Event> soFar = c.events().subList(0, i + 1);
            long lowest = Math.floorDiv(e.time() - size, slide) * slide;
            for (long start = lowest; start <= e.time(); start += slide) {
                long s = start;
                if (e.time() >= s && e.time() < s + size) {
                    List<Event> inside = soFar.stream()
                            .filter(x -> Objects.equals(x.key(), e.key()) && x.time() >= s && x.time() < s + size)
                            .toList();
                    expected.add(WindowOracle.result(e.key(), s, s + size, s + size - 1, inside));
                }
            }
        }
        assertThat(run.results).containsExactlyElementsOf(expected);
    }
}
