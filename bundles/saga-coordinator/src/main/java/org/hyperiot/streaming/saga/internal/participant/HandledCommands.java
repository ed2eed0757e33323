package org.hyperiot.streaming.saga.internal.participant;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * The commands of one partition that a participant answered for good (a success or a final failure),
 * with their replies, as its handled-commands topic holds them, plus those answered in the transaction
 * under way. A command id found here is answered again with the same reply and does not reach the
 * participant. Retryable failures are not kept: they applied nothing, so the next attempt must run.
 *
 * <p>A command is remembered for the retention of the handled-commands topic
 * ({@code handled.retention.ms}) from when its answer was written, here as in the topic: a participant
 * that runs for months keeps a retention's worth of commands in memory, not every command it ever
 * answered.
 */
final class HandledCommands {

    private record Handled(SagaReply reply, long writtenAtMs) {
    }

    private final long retentionMs;
    /** Oldest answer first: a command answered again moves to the end. */
    private final LinkedHashMap<String, Handled> committed = new LinkedHashMap<>();
    private final Map<String, SagaReply> staged = new HashMap<>();

    HandledCommands(long retentionMs) {
        this.retentionMs = retentionMs;
    }

    /**
     * Applies a note read from the topic while restoring; a {@code null} reply forgets the command.
     *
     * @param writtenAtMs the note's record timestamp; negative when the record has none, and then
     *                    counted from now
     * @param nowMs       the time now, to forget what is older than the retention
     */
    void restore(String commandId, SagaReply reply, long writtenAtMs, long nowMs) {
        committed.remove(commandId);
        if (reply != null) {
            committed.put(commandId, new Handled(reply, writtenAtMs < 0 ? nowMs : writtenAtMs));
        }
        forgetOlderThanRetention(nowMs);
    }

    Optional<SagaReply> reply(String commandId) {
        SagaReply reply = staged.get(commandId);
        if (reply == null) {
            Handled handled = committed.get(commandId);
            reply = handled == null ? null : handled.reply();
        }
        return Optional.ofNullable(reply);
    }

    /** Whether a reply settles the command for good, so that it must be kept. */
    static boolean isFinal(SagaReply reply) {
        return reply.outcome() != SagaReply.Outcome.RETRYABLE_FAILURE;
    }

    void stage(String commandId, SagaReply reply) {
        staged.put(commandId, reply);
    }

    /** The transaction that wrote the staged answers committed at {@code nowMs}. */
    void commit(long nowMs) {
        staged.forEach((commandId, reply) -> {
            committed.remove(commandId);
            committed.put(commandId, new Handled(reply, nowMs));
        });
        staged.clear();
        forgetOlderThanRetention(nowMs);
    }

    void abort() {
        staged.clear();
    }

    int size() {
        return committed.size();
    }

    private void forgetOlderThanRetention(long nowMs) {
        // Answers arrive in time order (restored in the order they were written, then committed), so
        // the old ones are at the head.
        Iterator<Handled> oldestFirst = committed.values().iterator();
        while (oldestFirst.hasNext() && nowMs - oldestFirst.next().writtenAtMs() > retentionMs) {
            oldestFirst.remove();
        }
    }
}
