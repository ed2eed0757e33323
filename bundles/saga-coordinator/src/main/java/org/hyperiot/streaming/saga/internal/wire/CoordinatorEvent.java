package org.hyperiot.streaming.saga.internal.wire;

import java.util.Map;
import java.util.Objects;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * What the coordinator owning a saga consumes from the events topic, keyed by saga id: requests from
 * any node (start, and the operator's cancel, retry and skip) and participants' replies.
 */
public sealed interface CoordinatorEvent {

    /**
     * A request to start a saga.
     *
     * @param requestId  identifies this request among those with the same saga id (same idempotency key)
     * @param definition the definition as the requesting node had it
     * @param input      the saga's initial data
     */
    record Start(String requestId, SagaDefinition definition, Map<String, Object> input) implements CoordinatorEvent {
        public Start {
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(definition, "definition");
            input = input == null ? Map.of() : input;
        }
    }

    /**
     * A participant's answer to one attempt of a command.
     *
     * @param commandId the command answered
     * @param attempt   the attempt answered
     * @param reply     the answer; its effects are not carried (they were written by the participant's side)
     */
    record Reply(String commandId, int attempt, SagaReply reply) implements CoordinatorEvent {
        public Reply {
            Objects.requireNonNull(commandId, "commandId");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** An operator's request. */
    record Operator(Verb verb, String requestId) implements CoordinatorEvent {
        public Operator {
            Objects.requireNonNull(verb, "verb");
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /** What an operator can ask of a saga. */
    enum Verb {
        CANCEL, RETRY, SKIP
    }
}
