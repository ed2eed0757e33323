package org.hyperiot.streaming.api.saga;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A saga: the immutable Java form of the saga definition JSON document. The JSON reader and
 * {@link #builder(String)} fill in the same defaults, so the same saga read from JSON or built in Java
 * gives equal objects. Construction does not validate; the {@link SagaDefinitionRegistry} and the
 * {@link SagaDefinitionFormat} do, reporting each problem with the JSON pointer of the member at fault.
 *
 * @param name    unique name, matching {@code ^[a-z0-9][a-z0-9._-]{0,62}$}
 * @param timeout the saga's deadline, counted from its start: a saga still running then stops starting
 *                steps and compensates what completed
 * @param stages  what the saga does, in order; the JSON member is {@code steps}, whose entries are
 *                steps or {@code parallel} groups
 */
public record SagaDefinition(String name, Duration timeout, List<SagaStage> stages) {

    /** The deadline of sagas whose definition gives none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(1);

    /** Keeps an unmodifiable copy of the stages. */
    public SagaDefinition {
        stages = stages == null ? List.of() : List.copyOf(stages);
    }

    /** Starts building a saga with the given name and the default timeout. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Every step of the saga, in the order of its stages and, within a group, in the group's order. */
    public List<SagaStep> steps() {
        List<SagaStep> steps = new ArrayList<>();
        stages.forEach(stage -> steps.addAll(stage.steps()));
        return List.copyOf(steps);
    }

    /** The step with the given name, if the saga has one. */
    public Optional<SagaStep> step(String stepName) {
        return steps().stream().filter(step -> Objects.equals(step.name(), stepName)).findFirst();
    }

    /**
     * Fluent construction of a {@link SagaDefinition}, for example
     * <pre>{@code
     * SagaDefinition.builder("order")
     *         .timeout(Duration.ofMinutes(5))
     *         .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release"))
     *         .parallel(SagaStep.of("charge", "payments", "charge").withCompensation("refund"),
     *                   SagaStep.of("notify", "mailer", "confirm"))
     *         .step("ship", "shipping", "ship", "cancel-shipment")
     *         .build();
     * }</pre>
     * The builder does not validate.
     */
    public static final class Builder {

        private final String name;
        private Duration timeout = DEFAULT_TIMEOUT;
        private final List<SagaStage> stages = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        /** Sets the saga's deadline, counted from its start. */
        public Builder timeout(Duration value) {
            this.timeout = value;
            return this;
        }

        /** Appends a step. */
        public Builder step(SagaStep step) {
            stages.add(step);
            return this;
        }

        /** Appends a step without compensation, timeout or retry policy of its own. */
        public Builder step(String stepName, String participant, String action) {
            return step(SagaStep.of(stepName, participant, action));
        }

        /** Appends a step undone by the given compensation action. */
        public Builder step(String stepName, String participant, String action, String compensation) {
            return step(SagaStep.of(stepName, participant, action).withCompensation(compensation));
        }

        /** Appends a group of steps that run together. */
        public Builder parallel(SagaStep... steps) {
            stages.add(ParallelGroup.of(steps));
            return this;
        }

        /** Appends any stage. */
        public Builder stage(SagaStage stage) {
            stages.add(stage);
            return this;
        }

        /** The definition as configured so far. */
        public SagaDefinition build() {
            return new SagaDefinition(name, timeout, stages);
        }
    }
}
