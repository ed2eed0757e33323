package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.state.TaskSnapshot;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Stopping a task at any point and continuing in a new task restored from a snapshot, or from the
 * changelog, gives exactly the output of a run without the stop.
 */
class CheckpointProperties {

    record Case(long maxDisorder, long lateness, boolean everyUpdate, WindowShape shape, List<Event> events,
                int split) {

        StreamDefinition definition() {
            var window = WindowOracle.withAggregates(shape.builder())
                    .emit(everyUpdate ? EmitMode.EVERY_UPDATE : EmitMode.ON_CLOSE);
            if (shape.isTimeWindow()) {
                window.allowedLateness(Duration.ofMillis(lateness));
            }
            return TaskHarness.windowed(maxDisorder, shape, window);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs().between(0, 60), Arbitraries.longs().between(0, 80),
                        Arbitraries.of(true, false), Scenarios.anyWindow(), Scenarios.unboundedDisorder(50))
                .flatAs((disorder, lateness, everyUpdate, shape, events) ->
                        Arbitraries.integers().between(0, events.size())
                                .map(split -> new Case(disorder, lateness, everyUpdate, shape, events, split)));
    }

    private static List<String> lateSummary(List<LateRecord> late) {
        return late.stream().map(l -> l.source().offset() + " " + l.reason()).toList();
    }

    private static void feed(TaskHarness harness, List<Event> events, int from, int to) {
        for (int i = from; i < to; i++) {
            harness.task.process(TaskHarness.record(i, events.get(i)));
        }
    }

    @Property(tries = 500)
    void snapshotRestoreAndContinueEqualsAnUninterruptedRun(@ForAll("cases") Case c) {
        TaskHarness uninterrupted = TaskHarness.runAll(c.definition(), c.events());

        TaskHarness before = new TaskHarness(c.definition(), ProcessorRegistry.empty());
        before.task.open();
        feed(before, c.events(), 0, c.split());
        TaskSnapshot snapshot = TaskSnapshot.fromBytes(before.task.snapshot().toBytes());
        before.task.close();

        TaskHarness after = new TaskHarness(c.definition(), ProcessorRegistry.empty());
        after.task.restore(snapshot);
        after.task.open();
        feed(after, c.events(), c.split(), c.events().size());
        after.task.endOfInput();

        List<StreamRecord> results = new ArrayList<>(before.results);
        results.addAll(after.results);
        assertThat(results).containsExactlyElementsOf(uninterrupted.results);
        List<LateRecord> late = new ArrayList<>(before.late);
        late.addAll(after.late);
        assertThat(lateSummary(late)).containsExactlyElementsOf(lateSummary(uninterrupted.late));
    }

    @Property(tries = 500)
    void replayingTheChangelogRestoresTheSameState(@ForAll("cases") Case c) {
        TaskHarness original = new TaskHarness(c.definition(), ProcessorRegistry.empty());
        original.task.open();
        feed(original, c.events(), 0, c.split());
        original.task.prepareCommit();
        TaskSnapshot expected = original.task.snapshot();

        TaskHarness replayed = new TaskHarness(c.definition(), ProcessorRegistry.empty());
        replayed.task.restore(original.changelog);
        replayed.task.open();

        assertThat(replayed.task.snapshot()).isEqualTo(expected);
        assertThat(replayed.task.watermark()).isEqualTo(original.task.watermark());

        int resultsBefore = original.results.size();
        feed(original, c.events(), c.split(), c.events().size());
        original.task.endOfInput();
        feed(replayed, c.events(), c.split(), c.events().size());
        replayed.task.endOfInput();
        assertThat(replayed.results)
                .containsExactlyElementsOf(original.results.subList(resultsBefore, original.results.size()));
        assertThat(replayed.task.snapshot()).isEqualTo(original.task.snapshot());
    }
}
