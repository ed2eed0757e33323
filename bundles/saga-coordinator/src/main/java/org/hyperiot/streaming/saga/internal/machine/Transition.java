package org.hyperiot.streaming.saga.internal.machine;

import java.util.List;

import org.hyperiot.streaming.api.saga.SagaCommand;

/**
 * The result of applying an event to a saga: its new state and the effects the coordinator must carry
 * out, in the same Kafka transaction as the state is written. Timers are part of the state
 * ({@link SagaInstance#timers()}); {@code timersToSet} and {@code timersToCancel} are the difference,
 * for a scheduler that keeps them in memory.
 *
 * @param saga           the saga after the event
 * @param commands       the commands to send, in order
 * @param timersToSet    timers that are new in this state
 * @param timersToCancel ids of timers this state no longer has, other than the one that just fired
 * @param ignoredReason  {@code null} when the event was applied; otherwise why it was ignored (a stale or
 *                       repeated reply, a timer no longer set), in which case the saga is unchanged and
 *                       there are no effects
 */
public record Transition(SagaInstance saga, List<SagaCommand> commands, List<SagaTimer> timersToSet,
                         List<String> timersToCancel, String ignoredReason) {

    /** Keeps unmodifiable copies of the effects. */
    public Transition {
        commands = List.copyOf(commands);
        timersToSet = List.copyOf(timersToSet);
        timersToCancel = List.copyOf(timersToCancel);
    }

    /** An event that changes nothing. */
    static Transition ignored(SagaInstance saga, String reason) {
        return new Transition(saga, List.of(), List.of(), List.of(), reason);
    }

    /** Whether the event changed the saga. */
    public boolean applied() {
        return ignoredReason == null;
    }
}
