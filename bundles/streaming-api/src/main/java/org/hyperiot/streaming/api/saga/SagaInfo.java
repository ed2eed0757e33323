package org.hyperiot.streaming.api.saga;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.internal.JsonTrees;

/**
 * A saga with its steps and history.
 *
 * @param id         the saga's id
 * @param definition the name of its definition
 * @param state      where it stands
 * @param data       its input with the outputs of the completed steps merged in; unmodifiable
 * @param steps      every step of the definition, in order, with where it stands
 * @param history    what happened to it, oldest first
 * @param createdAt  when it started
 * @param updatedAt  when it last changed
 * @param deadline   when a saga still running starts compensating
 * @param error      why it is compensating or failed to compensate, or {@code null}
 */
public record SagaInfo(String id, String definition, SagaState state, Map<String, Object> data,
                       List<SagaStepStatus> steps, List<SagaHistoryEntry> history, Instant createdAt,
                       Instant updatedAt, Instant deadline, String error) {

    /** Keeps unmodifiable copies of the data, steps and history. */
    public SagaInfo {
        data = data == null ? Map.of() : JsonTrees.copyObject(data);
        steps = steps == null ? List.of() : List.copyOf(steps);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /**
     * The steps the saga is busy with: those whose action or compensation is under way or waiting to
     * be retried, and those whose compensation failed for good.
     */
    public List<SagaStepStatus> currentSteps() {
        return steps.stream().filter(step -> switch (step.state()) {
            case RUNNING, WAITING_TO_RETRY, COMPENSATING, WAITING_TO_RETRY_COMPENSATION, COMPENSATION_FAILED -> true;
            default -> false;
        }).toList();
    }

    /** The line of a saga list for this saga. */
    public SagaSummary summary() {
        return new SagaSummary(id, definition, state, createdAt, updatedAt, error);
    }
}
