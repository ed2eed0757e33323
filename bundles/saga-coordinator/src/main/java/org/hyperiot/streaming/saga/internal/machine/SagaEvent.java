package org.hyperiot.streaming.saga.internal.machine;

import java.util.Objects;

import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * Something that moves a started saga on: a participant's reply, a timer coming due, or an operator's
 * request. The start itself is {@link SagaStateMachine#start}.
 */
public sealed interface SagaEvent {

    /**
     * A participant answered a command.
     *
     * @param commandId the {@link org.hyperiot.streaming.api.saga.SagaCommand#commandId()} answered
     * @param attempt   the attempt answered
     * @param reply     the answer
     */
    record ReplyReceived(String commandId, int attempt, SagaReply reply) implements SagaEvent {

        /** Checks that every member is present. */
        public ReplyReceived {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * A timer of the saga came due.
     *
     * @param timerId the {@link SagaTimer#id()} of the timer
     */
    record TimerFired(String timerId) implements SagaEvent {

        /** Checks that the id is present. */
        public TimerFired {
            Objects.requireNonNull(timerId, "timerId");
        }
    }

    /** An operator cancelled the saga. */
    record OperatorCancel() implements SagaEvent {
    }

    /** An operator asked to retry the compensations that failed for good. */
    record OperatorRetry() implements SagaEvent {
    }

    /** An operator asked to skip the compensations that failed for good. */
    record OperatorSkip() implements SagaEvent {
    }
}
