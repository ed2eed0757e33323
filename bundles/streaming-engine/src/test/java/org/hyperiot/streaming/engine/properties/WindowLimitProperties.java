package org.hyperiot.streaming.engine.properties;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hyperiot.streaming.api.EmitMode;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.hyperiot.streaming.engine.definition.StreamDefinitionValidator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The windows-per-record bound holds what it promises: a sliding window is accepted exactly when a
 * record falls in at most {@link DefinitionLimits#MAX_WINDOWS_PER_RECORD} windows, counted by
 * running the task (every-update publishes each window a record lands in).
 */
class WindowLimitProperties {

    @Provide
    Arbitrary<WindowShape.Sliding> slidingWindows() {
        // Small slides half of the time, so that both sides of the bound are tried often.
        return Arbitraries.longs().between(1, 4_000).flatMap(size -> Arbitraries.oneOf(
                Arbitraries.longs().between(1, size),
                Arbitraries.longs().between(1, Math.max(1, size / 500)))
                .map(slide -> new WindowShape.Sliding(size, slide)));
    }

    @Property(tries = 300)
    void aSlidingWindowIsAcceptedExactlyWhenARecordFallsInFewEnoughWindows(
            @ForAll("slidingWindows") WindowShape.Sliding shape, @ForAll("times") long time) {
        StreamDefinition definition = TaskHarness.windowed(0, shape,
                shape.builder().count("n").emit(EmitMode.EVERY_UPDATE));
        List<ValidationError> errors = StreamDefinitionValidator.validate(definition);

        // Brute force: every multiple of slide whose window [start, start + size) holds the time.
        long windows = 0;
        for (long start = Math.floorDiv(time - shape.size(), shape.slide()) * shape.slide(); start <= time;
             start += shape.slide()) {
            if (time >= start && time < start + shape.size()) {
                windows++;
            }
        }
        long mostWindows = (shape.size() + shape.slide() - 1) / shape.slide();
        if (mostWindows > DefinitionLimits.MAX_WINDOWS_PER_RECORD) {
            assertThat(errors).extracting(ValidationError::pointer).containsExactly("/pipeline/0/slide");
            return;
        }
        assertThat(errors).isEmpty();
        TaskHarness run = TaskHarness.runAll(definition, List.of(new Event("k", time, 1)));
        assertThat(run.results).hasSize((int) windows);
        assertThat(windows).isLessThanOrEqualTo(DefinitionLimits.MAX_WINDOWS_PER_RECORD);
    }

    @Provide
    Arbitrary<Long> times() {
        return Arbitraries.longs().between(-10_000, 10_000);
    }
}
