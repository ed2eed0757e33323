package org.hyperiot.streaming.saga.internal.coordinator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.saga.internal.machine.SagaEvent;
import org.hyperiot.streaming.saga.internal.machine.SagaInstance;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.hyperiot.streaming.saga.internal.machine.SagaTimer;
import org.hyperiot.streaming.saga.internal.machine.Transition;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sagas of one partition of the saga log, as the coordinator owning that partition holds them:
 * what the log says (restored, then kept up to date by this coordinator's own writes), the changes of
 * the transaction under way, and the timers of both, due first.
 *
 * <p>Changes are staged: {@link #handle} and {@link #fireDueTimers} record the new state of each saga
 * they touch without forgetting the old one, {@link #commit()} makes them the partition's state once
 * the transaction that wrote them has committed, and {@link #abort()} forgets them, so that after an
 * aborted transaction the partition is again exactly what the log holds. Plain Java, without Kafka.
 */
final class SagaPartition {

    private static final Logger LOG = LoggerFactory.getLogger(SagaPartition.class);

    private final SagaStateMachine machine;
    /** Sagas not yet settled (completed or compensated), as the log holds them. */
    private final Map<String, SagaLogRecord> live = new HashMap<>();
    /** Ids of settled sagas: they take no more events, and a start with their id is a repeat. */
    private final Set<String> settled = new HashSet<>();
    /** Ids of sagas whose log value this node cannot read: left as they are, never started again. */
    private final Set<String> unreadable = new HashSet<>();
    /** The new state of each saga changed by the transaction under way. */
    private final Map<String, SagaLogRecord> staged = new LinkedHashMap<>();
    private final TreeSet<DueTimer> timers = new TreeSet<>(DueTimer.ORDER);
    private final Map<String, List<DueTimer>> timersBySaga = new HashMap<>();

    SagaPartition(SagaStateMachine machine) {
        this.machine = machine;
    }

    /** One timer of one saga, ordered by due time. */
    record DueTimer(Instant due, String sagaId, String timerId) {
        static final Comparator<DueTimer> ORDER = Comparator.comparing(DueTimer::due)
                .thenComparing(DueTimer::sagaId).thenComparing(DueTimer::timerId);
    }

    /**
     * What an event did to a saga.
     *
     * @param sagaId        the saga
     * @param record        its new state, to write to the log; {@code null} when the event was ignored
     * @param transition    the state machine's transition, with the commands to send; {@code null} for
     *                      an ignored event that did not reach the state machine
     * @param ignoredReason why the event changed nothing, or {@code null}
     */
    record Outcome(String sagaId, SagaLogRecord record, Transition transition, String ignoredReason,
                   List<SagaHistoryEntry> addedHistory) {
        static Outcome ignored(String sagaId, String reason) {
            return new Outcome(sagaId, null, null, reason, List.of());
        }

        boolean applied() {
            return record != null;
        }
    }

    /** Applies one value read from the log while restoring; a {@code null} record removes the saga. */
    void restore(String sagaId, SagaLogRecord record) {
        live.remove(sagaId);
        settled.remove(sagaId);
        unreadable.remove(sagaId);
        if (record != null) {
            keep(sagaId, record);
        }
        index(sagaId, record);
    }

    /**
     * Notes, while restoring, a saga whose log value cannot be read (a newer format, another writer): it
     * takes no events and a start with its id is a repeat, so its value is never overwritten.
     */
    void restoreUnreadable(String sagaId) {
        restore(sagaId, null);
        unreadable.add(sagaId);
    }

    /** Applies an event to its saga, staging the change. */
    Outcome handle(String sagaId, CoordinatorEvent event) {
        if (event instanceof CoordinatorEvent.Start start) {
            if (exists(sagaId)) {
                return Outcome.ignored(sagaId, "saga '" + sagaId + "' exists: a repeated start (same idempotency key)");
            }
            Transition transition = machine.start(sagaId, start.definition(), start.input());
            return stage(sagaId, new SagaLogRecord(transition.saga(), start.requestId()), transition, 0);
        }
        SagaLogRecord current = current(sagaId);
        if (current == null) {
            if (unreadable.contains(sagaId)) {
                return Outcome.ignored(sagaId, "saga '" + sagaId + "' cannot be read from the saga log");
            }
            return Outcome.ignored(sagaId, settled.contains(sagaId) && staged.get(sagaId) == null
                    ? "saga '" + sagaId + "' has settled" : "no saga '" + sagaId + "' in this partition");
        }
        SagaEvent sagaEvent;
        if (event instanceof CoordinatorEvent.Reply reply) {
            sagaEvent = new SagaEvent.ReplyReceived(reply.commandId(), reply.attempt(), reply.reply());
        } else {
            sagaEvent = switch (((CoordinatorEvent.Operator) event).verb()) {
                case CANCEL -> new SagaEvent.OperatorCancel();
                case RETRY -> new SagaEvent.OperatorRetry();
                case SKIP -> new SagaEvent.OperatorSkip();
            };
        }
        return apply(sagaId, current, sagaEvent);
    }

    /** Fires every timer due at {@code now}, at most {@code limit} of them, staging the changes. */
    List<Outcome> fireDueTimers(Instant now, int limit) {
        List<Outcome> outcomes = new ArrayList<>();
        while (outcomes.size() < limit && !timers.isEmpty() && !timers.first().due().isAfter(now)) {
            DueTimer timer = timers.first();
            SagaLogRecord current = current(timer.sagaId());
            if (current == null) {
                // Cannot happen: timers are indexed from the same state. Dropping it keeps the loop finite.
                timers.remove(timer);
                continue;
            }
            Outcome outcome;
            try {
                outcome = apply(timer.sagaId(), current, new SagaEvent.TimerFired(timer.timerId()));
            } catch (RuntimeException e) {
                // Not expected from the state machine; dropping the timer keeps the partition going, and the
                // saga's state still holds it, so the next owner (or restart) tries it again.
                timers.remove(timer);
                LOG.error("Saga coordinator: timer '{}' of saga '{}' could not be applied", timer.timerId(),
                        timer.sagaId(), e);
                outcomes.add(Outcome.ignored(timer.sagaId(), "timer '" + timer.timerId() + "' could not be applied: " + e));
                continue;
            }
            if (!outcome.applied()) {
                // The machine only ignores a timer that is not set or not due: the index is stale.
                timers.remove(timer);
            }
            outcomes.add(outcome);
        }
        return outcomes;
    }

    /** When the first timer is due, if any is set. */
    Optional<Instant> nextDue() {
        return timers.isEmpty() ? Optional.empty() : Optional.of(timers.first().due());
    }

    /** Whether a transaction has changes staged. */
    boolean hasStagedChanges() {
        return !staged.isEmpty();
    }

    /** The transaction that wrote the staged changes committed: they are now what the log holds. */
    void commit() {
        staged.forEach((sagaId, record) -> {
            live.remove(sagaId);
            keep(sagaId, record);
        });
        staged.clear();
    }

    /** The transaction that wrote the staged changes aborted: the sagas are again what the log holds. */
    void abort() {
        List<String> changed = new ArrayList<>(staged.keySet());
        staged.clear();
        changed.forEach(sagaId -> index(sagaId, live.get(sagaId)));
    }

    /** The saga's latest state, staged or committed; {@code null} for an unknown or settled saga. */
    SagaLogRecord current(String sagaId) {
        SagaLogRecord record = staged.get(sagaId);
        if (record != null) {
            return settledState(record.saga().state()) ? null : record;
        }
        return live.get(sagaId);
    }

    /** How many sagas of this partition have not settled. */
    int liveSagas() {
        return live.size();
    }

    private boolean exists(String sagaId) {
        return staged.containsKey(sagaId) || live.containsKey(sagaId) || settled.contains(sagaId)
                || unreadable.contains(sagaId);
    }

    private Outcome apply(String sagaId, SagaLogRecord current, SagaEvent event) {
        Transition transition;
        try {
            transition = machine.apply(current.saga(), event);
        } catch (IllegalSagaStateException e) {
            // The node that took the request checked the state; the saga moved on since.
            return Outcome.ignored(sagaId, e.getMessage());
        }
        if (!transition.applied()) {
            return new Outcome(sagaId, null, transition, transition.ignoredReason(), List.of());
        }
        return stage(sagaId, current.with(transition.saga()), transition, current.saga().history().size());
    }

    private Outcome stage(String sagaId, SagaLogRecord record, Transition transition, int historyBefore) {
        staged.put(sagaId, record);
        index(sagaId, record);
        List<SagaHistoryEntry> history = record.saga().history();
        return new Outcome(sagaId, record, transition, null, history.subList(historyBefore, history.size()));
    }

    private void keep(String sagaId, SagaLogRecord record) {
        if (settledState(record.saga().state())) {
            settled.add(sagaId);
        } else {
            settled.remove(sagaId);
            live.put(sagaId, record);
        }
    }

    private void index(String sagaId, SagaLogRecord record) {
        List<DueTimer> old = timersBySaga.remove(sagaId);
        if (old != null) {
            old.forEach(timers::remove);
        }
        if (record == null || settledState(record.saga().state())) {
            return;
        }
        List<DueTimer> current = new ArrayList<>();
        for (SagaTimer timer : record.saga().timers()) {
            current.add(new DueTimer(timer.due(), sagaId, timer.id()));
        }
        if (!current.isEmpty()) {
            timers.addAll(current);
            timersBySaga.put(sagaId, current);
        }
    }

    private static boolean settledState(SagaState state) {
        return state == SagaState.COMPLETED || state == SagaState.COMPENSATED;
    }

    /** For tests: the saga as the partition holds it, committed or staged. */
    Optional<SagaInstance> saga(String sagaId) {
        SagaLogRecord record = staged.containsKey(sagaId) ? staged.get(sagaId) : live.get(sagaId);
        return Optional.ofNullable(record).map(SagaLogRecord::saga);
    }
}
