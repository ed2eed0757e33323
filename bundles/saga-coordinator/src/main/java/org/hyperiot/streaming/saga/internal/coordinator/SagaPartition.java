package org.hyperiot.streaming.saga.internal.coordinator;

import java.time.Duration;
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
 * aborted transaction the partition is again exactly what the log holds.
 *
 * <p>A saga that settled (completed or compensated) is removed from the log once it has been settled
 * for the retention: {@link #expireSettled} stages its removal like any change, and a tombstone takes
 * its value away. Until then a start with its id is a repeat; after, the id names a new saga. Plain
 * Java, without Kafka.
 */
final class SagaPartition {

    private static final Logger LOG = LoggerFactory.getLogger(SagaPartition.class);

    private final SagaStateMachine machine;
    /** Sagas not yet settled (completed or compensated), as the log holds them. */
    private final Map<String, SagaLogRecord> live = new HashMap<>();
    private final Duration settledRetention;
    /** Settled sagas by id, with when they settled: they take no more events, and a start with their id is a repeat. */
    private final Map<String, Instant> settled = new HashMap<>();
    /** The settled sagas, the first to be removed first. */
    private final TreeSet<Settled> bySettledTime = new TreeSet<>(Settled.ORDER);
    /** Settled sagas whose removal the transaction under way writes. */
    private final Set<String> stagedRemovals = new HashSet<>();
    /** Ids of sagas whose log value this node cannot read: left as they are, never started again. */
    private final Set<String> unreadable = new HashSet<>();
    /** The new state of each saga changed by the transaction under way. */
    private final Map<String, SagaLogRecord> staged = new LinkedHashMap<>();
    private final TreeSet<DueTimer> timers = new TreeSet<>(DueTimer.ORDER);
    private final Map<String, List<DueTimer>> timersBySaga = new HashMap<>();

    SagaPartition(SagaStateMachine machine, Duration settledRetention) {
        this.machine = machine;
        this.settledRetention = settledRetention;
    }

    /** A settled saga and when it settled, ordered by that time. */
    private record Settled(Instant at, String sagaId) {
        static final Comparator<Settled> ORDER = (a, b) -> {
            int byTime = a.at().compareTo(b.at());
            return byTime != 0 ? byTime : a.sagaId().compareTo(b.sagaId());
        };
    }

    /** One timer of one saga, ordered by due time. */
    record DueTimer(Instant due, String sagaId, String timerId) {
        // Written out rather than chained (Comparator.comparing …): the tree compares on every write of a saga.
        static final Comparator<DueTimer> ORDER = (a, b) -> {
            int byTime = a.due().compareTo(b.due());
            if (byTime != 0) {
                return byTime;
            }
            int bySaga = a.sagaId().compareTo(b.sagaId());
            return bySaga != 0 ? bySaga : a.timerId().compareTo(b.timerId());
        };
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
        forgetSettled(sagaId);
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
            return Outcome.ignored(sagaId, settled.containsKey(sagaId) && staged.get(sagaId) == null
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

    /**
     * Stages the removal of the sagas settled for the retention at {@code now}, at most {@code limit}
     * of them.
     *
     * @return their ids, whose log values the transaction is to take away with tombstones
     */
    List<String> expireSettled(Instant now, int limit) {
        List<String> expired = new ArrayList<>();
        for (Settled saga : bySettledTime) {
            if (expired.size() >= limit || saga.at().plus(settledRetention).isAfter(now)) {
                break;
            }
            if (stagedRemovals.add(saga.sagaId())) {
                expired.add(saga.sagaId());
            }
        }
        return expired;
    }

    /** When the first timer is due, or the first settled saga is to be removed, if any. */
    Optional<Instant> nextDue() {
        Instant timer = timers.isEmpty() ? null : timers.first().due();
        Instant removal = bySettledTime.stream().filter(saga -> !stagedRemovals.contains(saga.sagaId())).findFirst()
                .map(saga -> saga.at().plus(settledRetention)).orElse(null);
        if (timer == null || (removal != null && removal.isBefore(timer))) {
            return Optional.ofNullable(removal);
        }
        return Optional.of(timer);
    }

    /** Whether a transaction has changes staged. */
    boolean hasStagedChanges() {
        return !staged.isEmpty() || !stagedRemovals.isEmpty();
    }

    /** The transaction that wrote the staged changes committed: they are now what the log holds. */
    void commit() {
        staged.forEach((sagaId, record) -> {
            live.remove(sagaId);
            keep(sagaId, record);
        });
        staged.clear();
        stagedRemovals.forEach(this::forgetSettled);
        stagedRemovals.clear();
    }

    /** The transaction that wrote the staged changes aborted: the sagas are again what the log holds. */
    void abort() {
        List<String> changed = new ArrayList<>(staged.keySet());
        staged.clear();
        stagedRemovals.clear();
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
        return staged.containsKey(sagaId) || live.containsKey(sagaId) || settled.containsKey(sagaId)
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
        forgetSettled(sagaId);
        if (settledState(record.saga().state())) {
            Instant at = record.saga().updatedAt();
            settled.put(sagaId, at);
            bySettledTime.add(new Settled(at, sagaId));
        } else {
            live.put(sagaId, record);
        }
    }

    private void forgetSettled(String sagaId) {
        Instant at = settled.remove(sagaId);
        if (at != null) {
            bySettledTime.remove(new Settled(at, sagaId));
        }
    }

    private void index(String sagaId, SagaLogRecord record) {
        List<DueTimer> current = new ArrayList<>();
        if (record != null && !settledState(record.saga().state())) {
            for (SagaTimer timer : record.saga().timers()) {
                current.add(new DueTimer(timer.due(), sagaId, timer.id()));
            }
        }
        List<DueTimer> old = current.isEmpty() ? timersBySaga.remove(sagaId) : timersBySaga.put(sagaId, current);
        // Most steps keep a timer or two (the saga's deadline): only what changed moves in the tree,
        // which holds a timer or two of every live saga.
        if (old != null) {
            old.stream().filter(timer -> !current.contains(timer)).forEach(timers::remove);
        }
        current.stream().filter(timer -> old == null || !old.contains(timer)).forEach(timers::add);
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
