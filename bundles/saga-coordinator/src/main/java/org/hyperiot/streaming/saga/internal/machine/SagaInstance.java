package org.hyperiot.streaming.saga.internal.machine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaInfo;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepStatus;

/**
 * The whole state of one saga, as the saga log keeps it: enough to carry on after a failover without
 * anything else. Immutable; {@link SagaStateMachine} makes the next one.
 *
 * @param id         the saga's id
 * @param definition the definition as it was when the saga started
 * @param state      where the saga stands
 * @param data       the saga's data: its input with the outputs of the completed stages merged in
 * @param steps      every step of the definition, in the order of {@link SagaDefinition#steps()}
 * @param stage      the index of the stage being run (while running) or compensated (afterwards); -1
 *                   once every stage has been compensated
 * @param createdAt  when the saga started
 * @param updatedAt  when it last changed
 * @param deadline   when a saga still running starts compensating
 * @param timers     the timers that are set, in the order they were set
 * @param history    what happened, oldest first
 * @param error      why the saga is compensating or failed to compensate, or {@code null}
 * @param revision   how many transitions made this state: 1 right after the start
 */
public record SagaInstance(String id, SagaDefinition definition, SagaState state, Map<String, Object> data,
                           List<StepProgress> steps, int stage, Instant createdAt, Instant updatedAt,
                           Instant deadline, List<SagaTimer> timers, List<SagaHistoryEntry> history,
                           String error, long revision) {

    /** Keeps unmodifiable copies of the lists. */
    public SagaInstance {
        steps = List.copyOf(steps);
        timers = List.copyOf(timers);
        history = List.copyOf(history);
    }

    /** A saga about to start: every step pending, no timer, no history yet. */
    static SagaInstance created(String id, SagaDefinition definition, Map<String, Object> data, Instant now) {
        List<StepProgress> steps = new ArrayList<>();
        definition.steps().forEach(step -> steps.add(StepProgress.pending(step.name())));
        return new SagaInstance(id, definition, SagaState.RUNNING, data, steps, 0, now, now,
                now.plus(definition.timeout()), List.of(), List.of(), null, 0);
    }

    /** The progress of the named step. */
    public StepProgress progress(String stepName) {
        return steps.stream().filter(step -> step.name().equals(stepName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("saga '" + id + "' has no step '" + stepName + "'"));
    }

    /** The timer with the given id, if it is set. */
    public Optional<SagaTimer> timer(String timerId) {
        return timers.stream().filter(timer -> timer.id().equals(timerId)).findFirst();
    }

    /** The saga as the coordinator's API shows it. */
    public SagaInfo info() {
        List<SagaStep> definitionSteps = definition.steps();
        List<SagaStepStatus> statuses = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            StepProgress step = steps.get(i);
            statuses.add(new SagaStepStatus(step.name(), definitionSteps.get(i).participant(), step.state(),
                    step.attempts(), step.compensationAttempts(), step.lastError()));
        }
        return new SagaInfo(id, definition.name(), state, data, statuses, history, createdAt, updatedAt, deadline,
                error);
    }
}
