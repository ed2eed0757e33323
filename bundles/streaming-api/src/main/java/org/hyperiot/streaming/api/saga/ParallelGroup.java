package org.hyperiot.streaming.api.saga;

import java.util.List;

/**
 * Steps that run together: all their commands are sent at once, and the group completes when every
 * one of them has completed. In JSON: {@code {"parallel": [step, step, ...]}}.
 *
 * @param steps the members, at least one; a group does not contain another group
 */
public record ParallelGroup(List<SagaStep> steps) implements SagaStage {

    /** Keeps an unmodifiable copy of the steps. */
    public ParallelGroup {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A group of the given steps. */
    public static ParallelGroup of(SagaStep... steps) {
        return new ParallelGroup(List.of(steps));
    }
}
