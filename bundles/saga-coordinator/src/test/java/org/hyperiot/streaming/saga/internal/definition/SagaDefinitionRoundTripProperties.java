package org.hyperiot.streaming.saga.internal.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStage;
import org.hyperiot.streaming.api.saga.SagaStep;

class SagaDefinitionRoundTripProperties {

    private final SagaDefinitionJson format = new SagaDefinitionJson();

    @Property(tries = 300)
    void everyValidDefinitionReadsBackEqualAfterWriting(@ForAll("definitions") SagaDefinition definition) {
        assertThat(SagaDefinitionRules.validate(definition)).isEmpty();

        String written = format.write(definition);

        assertThat(format.validate(written)).isEmpty();
        assertThat(format.read(written)).isEqualTo(definition);
        assertThat(format.write(format.read(written))).isEqualTo(written);
    }

    @Provide
    Arbitrary<SagaDefinition> definitions() {
        Arbitrary<List<SagaStage>> stages = stage().list().ofMinSize(1).ofMaxSize(8);
        return Combinators.combine(name(63), positiveDuration(), stages)
                .as((name, timeout, stageList) -> new SagaDefinition(name, timeout, uniquelyNamed(stageList)));
    }

    /** Gives every step its index as a suffix, so that step names are unique as the rules require. */
    private static List<SagaStage> uniquelyNamed(List<SagaStage> stages) {
        List<SagaStage> renamed = new ArrayList<>();
        int index = 0;
        for (SagaStage stage : stages) {
            if (stage instanceof SagaStep step) {
                renamed.add(rename(step, index++));
            } else {
                List<SagaStep> members = new ArrayList<>();
                for (SagaStep step : stage.steps()) {
                    members.add(rename(step, index++));
                }
                renamed.add(new ParallelGroup(members));
            }
        }
        return renamed;
    }

    private static SagaStep rename(SagaStep step, int index) {
        return new SagaStep(step.name() + "-" + index, step.participant(), step.action(), step.compensation(),
                step.timeout(), step.retry());
    }

    private Arbitrary<SagaStage> stage() {
        return Arbitraries.oneOf(step().map(step -> (SagaStage) step),
                step().list().ofMinSize(1).ofMaxSize(4).map(steps -> (SagaStage) new ParallelGroup(steps)));
    }

    private Arbitrary<SagaStep> step() {
        Arbitrary<Duration> timeout = positiveDuration().injectNull(0.4);
        Arbitrary<RetryPolicy> retry = Arbitraries.oneOf(Arbitraries.just(RetryPolicy.DEFAULT), retryPolicy());
        return Combinators.combine(name(50), name(63), action(), action().injectNull(0.4), timeout, retry)
                .as(SagaStep::new);
    }

    private Arbitrary<RetryPolicy> retryPolicy() {
        Arbitrary<Double> multiplier = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 100).map(Integer::doubleValue),
                Arbitraries.doubles().between(1.0, SagaDefinitionLimits.MAX_MULTIPLIER));
        Arbitrary<List<String>> codes = Arbitraries.strings().withChars("ABCXYZ_09.-").ofMinLength(0).ofMaxLength(127)
                .map(tail -> "E" + tail).list().ofMaxSize(5).uniqueElements();
        return Combinators.combine(positiveDuration(), positiveDuration(), multiplier,
                        Arbitraries.integers().between(1, SagaDefinitionLimits.MAX_ATTEMPTS), codes)
                .as((a, b, factor, attempts, codeList) -> new RetryPolicy(
                        a.compareTo(b) <= 0 ? a : b, factor, a.compareTo(b) <= 0 ? b : a, attempts,
                        new java.util.LinkedHashSet<>(codeList)));
    }

    private static Arbitrary<Duration> positiveDuration() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1, SagaDefinitionLimits.MAX_DURATION.toMillis()).map(Duration::ofMillis),
                Arbitraries.longs().between(1, 8760).map(Duration::ofHours),
                Arbitraries.longs().between(1, 600).map(Duration::ofSeconds));
    }

    private static Arbitrary<String> name(int maxLength) {
        Arbitrary<String> first = Arbitraries.strings().withChars("abcxyz0189").ofLength(1);
        Arbitrary<String> rest = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-")
                .ofMaxLength(maxLength - 1);
        return Combinators.combine(first, rest).as(String::concat);
    }

    private static Arbitrary<String> action() {
        Arbitrary<String> first = Arbitraries.strings().withChars("aZ09").ofLength(1);
        Arbitrary<String> rest = Arbitraries.strings().withChars("abcXYZ0189._-").ofMaxLength(62);
        return Combinators.combine(first, rest).as(String::concat);
    }
}
