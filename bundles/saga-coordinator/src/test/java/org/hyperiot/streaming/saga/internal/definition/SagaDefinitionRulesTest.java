package org.hyperiot.streaming.saga.internal.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.ParallelGroup;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.junit.jupiter.api.Test;

/**
 * Definitions built in Java are held to the rules of the JSON reader: the builder itself does not validate
 * (its Javadoc says so), {@link SagaDefinitionRules} does, and it must list the same problems, at the same
 * pointers, as reading the definition's JSON form.
 */
class SagaDefinitionRulesTest {

    private final SagaDefinitionJson format = new SagaDefinitionJson();

    private void assertSameProblemsAsTheReader(SagaDefinition built, ValidationError... expected) {
        assertThat(SagaDefinitionRules.validate(built)).containsExactlyInAnyOrder(expected);
        assertThat(format.validate(format.write(built))).containsExactlyInAnyOrder(expected);
        InvalidSagaDefinitionException thrown = catchThrowableOfType(() -> SagaDefinitionRules.requireValid(built),
                InvalidSagaDefinitionException.class);
        assertThat(thrown).isNotNull();
        assertThat(thrown.errors()).containsExactlyInAnyOrder(expected);
    }

    private static ValidationError problem(String pointer, String message) {
        return new ValidationError(pointer, message);
    }

    @Test
    void theOrderSagaBuiltInJavaIsValid() {
        assertThat(SagaDefinitionRules.validate(SagaJson.orderBuilt())).isEmpty();
    }

    @Test
    void requireValidReturnsTheDefinitionItChecked() {
        SagaDefinition order = SagaJson.orderBuilt();
        assertThat(SagaDefinitionRules.requireValid(order)).isSameAs(order);
    }

    @Test
    void theBuilderDoesNotValidateButTheRulesRefuseWhatTheReaderRefuses() {
        SagaDefinition built = SagaDefinition.builder("Order")
                .timeout(Duration.ZERO)
                .step("reserve", "inventory", "reserve", "re lease")
                .parallel(SagaStep.of("reserve", "pay/ments", "charge"),
                        SagaStep.of("notify", "mailer", "confirm").withTimeout(Duration.ofDays(366)))
                .build();

        assertSameProblemsAsTheReader(built,
                problem("/name", "'Order' is not a valid saga name: use 1 to 63 lower-case letters, digits, '.', '_' "
                        + "or '-', starting with a letter or digit"),
                problem("/timeout", "must be longer than zero"),
                problem("/steps/0/compensation", "'re lease' is not a valid action name: use 1 to 63 letters, "
                        + "digits, '.', '_' or '-', starting with a letter or digit"),
                problem("/steps/1/parallel/0/name", "duplicate step name 'reserve': /steps/0 has it already"),
                problem("/steps/1/parallel/0/participant", "'pay/ments' is not a valid participant name: use 1 to "
                        + "63 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"),
                problem("/steps/1/parallel/1/timeout", "must be at most 8760h"));
    }

    @Test
    void aRetryPolicyOutOfRangeBuiltInJavaIsRefusedAsInJson() {
        RetryPolicy retry = RetryPolicy.exponential(Duration.ofSeconds(10), 0.9, Duration.ofSeconds(1), 0)
                .withNonRetryableCodes("OK", "not ok");
        SagaDefinition built = SagaDefinition.builder("s").step(SagaStep.of("a", "p", "a").withRetry(retry)).build();

        assertSameProblemsAsTheReader(built,
                problem("/steps/0/retry/maxInterval", "must not be shorter than initialInterval (1s is less than 10s)"),
                problem("/steps/0/retry/multiplier", "must be between 1 and 100, not 0.9"),
                problem("/steps/0/retry/maxAttempts", "must be between 1 and 100, not 0"),
                problem("/steps/0/retry/nonRetryableCodes/1", "'not ok' is not a valid failure code: use 1 to 128 "
                        + "letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }

    @Test
    void aSagaBuiltWithoutStepsOrWithAnEmptyGroupIsRefused() {
        assertSameProblemsAsTheReader(SagaDefinition.builder("s").build(),
                problem("/steps", "must hold at least one step"));
        assertSameProblemsAsTheReader(SagaDefinition.builder("s").step("a", "p", "a").parallel().build(),
                problem("/steps/1/parallel", "a parallel group needs at least one step"));
    }

    @Test
    void tooManyStepsBuiltInJavaAreRefused() {
        SagaDefinition.Builder builder = SagaDefinition.builder("s");
        for (int i = 0; i < SagaDefinitionLimits.MAX_STEPS; i++) {
            builder.step("s" + i, "p", "a");
        }
        assertThat(SagaDefinitionRules.validate(builder.build())).isEmpty();

        builder.stage(new ParallelGroup(List.of(SagaStep.of("extra", "p", "a"))));

        assertSameProblemsAsTheReader(builder.build(), problem("/steps", "holds 101 steps; a saga may have at most 100"));
    }

    @Test
    void missingMembersOfABuiltDefinitionAreRequired() {
        SagaDefinition built = new SagaDefinition(null, null, List.of(new SagaStep(null, null, null, null, null, null)));

        assertThat(SagaDefinitionRules.validate(built)).containsExactlyInAnyOrder(
                problem("/name", "is required"),
                problem("/timeout", "is required"),
                problem("/steps/0/name", "is required"),
                problem("/steps/0/participant", "is required"),
                problem("/steps/0/action", "is required"));
    }

    @Test
    void aRetryPolicyWithoutIntervalsIsMissingThem() {
        RetryPolicy retry = new RetryPolicy(null, 2, null, 3, null);
        SagaDefinition built = SagaDefinition.builder("s").step(SagaStep.of("a", "p", "a").withRetry(retry)).build();

        assertThat(SagaDefinitionRules.validate(built)).containsExactlyInAnyOrder(
                problem("/steps/0/retry/initialInterval", "is required"),
                problem("/steps/0/retry/maxInterval", "is required"));
    }

    @Test
    void durationsWithAFractionOfAMillisecondAreRefused() {
        SagaDefinition built = SagaDefinition.builder("s").timeout(Duration.ofNanos(1_000_001))
                .step(SagaStep.of("a", "p", "a").withTimeout(Duration.ofSeconds(-1)))
                .build();

        assertThat(SagaDefinitionRules.validate(built)).containsExactlyInAnyOrder(
                problem("/timeout", "must be a whole number of milliseconds"),
                problem("/steps/0/timeout", "must be longer than zero"));
    }

    @Test
    void aNullFailureCodeIsRefusedAtItsIndex() {
        RetryPolicy retry = RetryPolicy.DEFAULT.withNonRetryableCodes(Arrays.asList("A", null));
        SagaDefinition built = SagaDefinition.builder("s").step(SagaStep.of("a", "p", "a").withRetry(retry)).build();

        assertThat(SagaDefinitionRules.validate(built)).containsExactly(
                problem("/steps/0/retry/nonRetryableCodes/1", "null is not a valid failure code: use 1 to 128 "
                        + "letters, digits, '.', '_' or '-', starting with a letter or digit"));
    }
}
