package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.AggregateSpec;
import org.hyperiot.streaming.api.Condition;
import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.EventTime;
import org.hyperiot.streaming.api.SourceSpec;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.WindowOperator;
import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.Json;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.SourceRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Micro-batch mode gives exactly the results, late records and dead letters of native mode for the
 * same input, whatever the batch boundaries, with filters, fanning-out and failing processors,
 * failing aggregators, poison records and late records in the mix.
 */
class MicroBatchProperties {

    /** Passes records on; doubles those with a value divisible by 5; fails on multiples of 17 after emitting. */
    static final class Twin implements StreamProcessor {
        @Override
        public void process(StreamRecord record, RecordCollector out) {
            long v = ((Number) ((Map<?, ?>) record.value()).get("v")).longValue();
            out.emit(record);
            if (v % 17 == 0) {
                throw new IllegalArgumentException("seventeen divides " + v);
            }
            if (v % 5 == 0) {
                Map<String, Object> copy = new java.util.LinkedHashMap<>();
                ((Map<?, ?>) record.value()).forEach((k, value) -> copy.put((String) k, value));
                copy.put("v", v + 1);
                out.emit(record.withValue(copy));
            }
        }
    }

    /** Sums values and refuses 42. */
    static final class Picky implements StreamAggregator {
        @Override
        public Object createAccumulator() {
            return 0L;
        }

        @Override
        public Object add(Object accumulator, Object value) {
            if (((Number) value).longValue() == 42) {
                throw new IllegalStateException("no 42");
            }
            return (Long) accumulator + ((Number) value).longValue();
        }

        @Override
        public Object merge(Object first, Object second) {
            return (Long) first + (Long) second;
        }

        @Override
        public Object result(Object accumulator) {
            return accumulator;
        }
    }

    record Case(long maxDisorder, long lateness, boolean everyUpdate, WindowShape shape, List<Event> events,
                List<Integer> poison, List<Integer> batchSizes) {
    }

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.longs().between(0, 60), Arbitraries.longs().between(0, 60),
                        Arbitraries.of(true, false), Scenarios.anyWindow(), Scenarios.unboundedDisorder(60),
                        Arbitraries.integers().between(0, 59).list().ofMaxSize(5),
                        Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(20))
                .as(Case::new);
    }

    private static StreamDefinition definition(Case c) {
        WindowOperator.Builder window = WindowOracle.withAggregates(c.shape().builder())
                .aggregate(AggregateSpec.custom("picky", "v", "picky"))
                .emit(c.everyUpdate() ? EmitMode.EVERY_UPDATE : EmitMode.ON_CLOSE);
        if (c.shape().isTimeWindow()) {
            window.allowedLateness(Duration.ofMillis(c.lateness()));
        }
        StreamDefinition.Builder builder = StreamDefinition.builder("batch")
                .source(SourceSpec.of("in").withEventTime(EventTime.field("t")))
                .watermark(Duration.ofMillis(c.maxDisorder()), null)
                .filter(Condition.gt("v", -80L))
                .processor("twin")
                .keyBy("k")
                .window(window)
                .sink("out")
                .deadLetter("dlq");
        return c.shape().isTimeWindow() ? builder.lateRecords("late").build() : builder.build();
    }

    private static List<SourceRecord> input(Case c) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < c.events().size(); i++) {
            Event e = c.events().get(i);
            Object value = c.poison().contains(i) ? "poison" : Json.object("k", e.key(), "t", e.time(), "v", e.value());
            records.add(SourceRecord.ofValue(TaskHarness.PARTITION, i, "source-key", value, 0, Map.of()));
        }
        return records;
    }

    private static TaskHarness harness(Case c) {
        TaskHarness harness = new TaskHarness(definition(c),
                ProcessorRegistry.of(Map.of("twin", Twin::new), Map.of("picky", Picky::new)));
        harness.task.open();
        return harness;
    }

    @Property(tries = 500)
    void microBatchGivesTheResultsOfNativeMode(@ForAll("cases") Case c) {
        List<SourceRecord> input = input(c);

        TaskHarness nativeRun = harness(c);
        input.forEach(nativeRun.task::process);
        nativeRun.task.endOfInput();

        TaskHarness batchRun = harness(c);
        int next = 0;
        for (int i = 0; next < input.size(); i++) {
            int size = c.batchSizes().get(i % c.batchSizes().size());
            int end = Math.min(input.size(), next + size);
            batchRun.task.processBatch(input.subList(next, end));
            next = end;
        }
        batchRun.task.endOfInput();

        assertThat(batchRun.results).containsExactlyElementsOf(nativeRun.results);
        assertThat(batchRun.late).extracting(l -> l.source().offset() + " " + l.record() + " " + l.reason())
                .containsExactlyElementsOf(nativeRun.late.stream()
                        .map(l -> l.source().offset() + " " + l.record() + " " + l.reason()).toList());
        assertThat(batchRun.deadLetters).extracting(d -> d.source().offset() + " " + d.errorClass() + " " + d.errorMessage())
                .containsExactlyElementsOf(nativeRun.deadLetters.stream()
                        .map(d -> d.source().offset() + " " + d.errorClass() + " " + d.errorMessage()).toList());
        assertThat(batchRun.task.metrics()).isEqualTo(nativeRun.task.metrics());
        assertThat(batchRun.task.snapshot()).isEqualTo(nativeRun.task.snapshot());
    }
}
