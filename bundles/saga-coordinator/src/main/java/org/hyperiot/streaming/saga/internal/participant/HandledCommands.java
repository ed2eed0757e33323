package org.hyperiot.streaming.saga.internal.participant;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * The commands of one partition that a participant answered for good (a success or a final failure),
 * with their replies, as its handled-commands topic holds them, plus those answered in the transaction
 * under way. A command id found here is answered again with the same reply and does not reach the
 * participant. Retryable failures are not kept: they applied nothing, so the next attempt must run.
 */
final class HandledCommands {

    private final Map<String, SagaReply> committed = new HashMap<>();
    private final Map<String, SagaReply> staged = new HashMap<>();

    /** Applies a value read from the topic while restoring; {@code null} forgets the command. */
    void restore(String commandId, SagaReply reply) {
        if (reply == null) {
            committed.remove(commandId);
        } else {
            committed.put(commandId, reply);
        }
    }

    Optional<SagaReply> reply(String commandId) {
        SagaReply reply = staged.get(commandId);
        return Optional.ofNullable(reply != null ? reply : committed.get(commandId));
    }

    /** Whether a reply settles the command for good, so that it must be kept. */
    static boolean isFinal(SagaReply reply) {
        return reply.outcome() != SagaReply.Outcome.RETRYABLE_FAILURE;
    }

    void stage(String commandId, SagaReply reply) {
        staged.put(commandId, reply);
    }

    void commit() {
        committed.putAll(staged);
        staged.clear();
    }

    void abort() {
        staged.clear();
    }

    int size() {
        return committed.size();
    }
}
