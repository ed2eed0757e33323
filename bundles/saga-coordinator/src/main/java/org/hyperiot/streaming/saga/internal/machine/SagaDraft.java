package org.hyperiot.streaming.saga.internal.machine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;

/**
 * The next state of a saga while one event is being applied: a mutable copy of the current
 * {@link SagaInstance} that also collects the commands to send and the history entries to append, all
 * stamped with the one instant the event is applied at. Used by one thread for one transition.
 */
final class SagaDraft {

    private final SagaInstance origin;
    private final Instant now;
    private final String firedTimerId;
    private final List<SagaStep> definitionSteps;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final List<StepProgress> steps;
    private final List<SagaTimer> timers;
    private final List<SagaHistoryEntry> history;
    private final List<SagaCommand> commands = new ArrayList<>();
    private SagaState state;
    private Map<String, Object> data;
    private int stage;
    private String error;

    SagaDraft(SagaInstance origin, Instant now, String firedTimerId) {
        this.origin = origin;
        this.now = now;
        this.firedTimerId = firedTimerId;
        this.definitionSteps = origin.definition().steps();
        for (int i = 0; i < definitionSteps.size(); i++) {
            indexByName.put(definitionSteps.get(i).name(), i);
        }
        this.steps = new ArrayList<>(origin.steps());
        this.timers = new ArrayList<>(origin.timers());
        this.history = new ArrayList<>(origin.history());
        this.state = origin.state();
        this.data = origin.data();
        this.stage = origin.stage();
        this.error = origin.error();
    }

    Instant now() {
        return now;
    }

    String sagaId() {
        return origin.id();
    }

    SagaDefinition definition() {
        return origin.definition();
    }

    Instant deadline() {
        return origin.deadline();
    }

    boolean deadlinePassed() {
        return !now.isBefore(origin.deadline());
    }

    SagaState state() {
        return state;
    }

    void state(SagaState newState) {
        this.state = newState;
    }

    Map<String, Object> data() {
        return data;
    }

    String error() {
        return error;
    }

    void error(String newError) {
        this.error = newError;
    }

    int stage() {
        return stage;
    }

    void stage(int newStage) {
        this.stage = newStage;
    }

    boolean isLastStage() {
        return stage == origin.definition().stages().size() - 1;
    }

    /** The definitions of the steps of the current stage. */
    List<SagaStep> stageSteps() {
        return origin.definition().stages().get(stage).steps();
    }

    SagaStep step(String name) {
        return definitionSteps.get(index(name));
    }

    StepProgress progress(String name) {
        return steps.get(index(name));
    }

    void update(StepProgress progress) {
        steps.set(index(progress.name()), progress);
    }

    /**
     * Merges the outputs that the steps of the current stage are holding into the saga's data, in the
     * stage's order.
     */
    void mergePendingOutputs() {
        for (SagaStep step : stageSteps()) {
            StepProgress progress = progress(step.name());
            if (progress.pendingOutput() != null) {
                data = SagaData.merge(data, progress.pendingOutput());
                update(progress.withOutputMerged());
            }
        }
    }

    void setTimer(SagaTimer timer) {
        cancelTimer(timer.id());
        timers.add(timer);
    }

    void cancelTimer(String timerId) {
        timers.removeIf(timer -> timer.id().equals(timerId));
    }

    void send(SagaCommand command) {
        commands.add(command);
    }

    void record(SagaHistoryEntry.Kind kind, String stepName, int attempt, String detail) {
        history.add(new SagaHistoryEntry(now, kind, stepName, attempt, detail));
    }

    /** The new state and its effects. */
    Transition finish() {
        SagaInstance next = new SagaInstance(origin.id(), origin.definition(), state, data, steps, stage,
                origin.createdAt(), now, origin.deadline(), timers, history, error, origin.revision() + 1);
        Set<String> before = origin.timers().stream().map(SagaTimer::id).collect(Collectors.toSet());
        Set<String> after = timers.stream().map(SagaTimer::id).collect(Collectors.toSet());
        List<SagaTimer> toSet = timers.stream()
                .filter(timer -> !before.contains(timer.id()) || !origin.timer(timer.id()).orElseThrow().equals(timer))
                .toList();
        List<String> toCancel = origin.timers().stream().map(SagaTimer::id)
                .filter(id -> !after.contains(id) && !id.equals(firedTimerId))
                .toList();
        return new Transition(next, commands, toSet, toCancel, null);
    }

    private int index(String name) {
        Integer index = indexByName.get(name);
        if (index == null) {
            throw new IllegalArgumentException("saga '" + origin.id() + "' has no step '" + name + "'");
        }
        return index;
    }
}
