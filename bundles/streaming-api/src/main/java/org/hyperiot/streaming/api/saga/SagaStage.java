package org.hyperiot.streaming.api.saga;

import java.util.List;

/**
 * One entry of a saga's ordered list: a single {@link SagaStep}, or a {@link ParallelGroup} of steps
 * that run together. A stage starts when every step of the stage before it has completed.
 */
public sealed interface SagaStage permits SagaStep, ParallelGroup {

    /** The steps this stage runs: the step itself, or the members of the group in their order. */
    List<SagaStep> steps();
}
