package org.hyperiot.streaming.api.saga;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.hyperiot.streaming.api.internal.JsonTrees;

/**
 * What the coordinator asks a participant to do: one attempt of a step's action or of its
 * compensation.
 *
 * @param sagaId       the saga the command belongs to
 * @param definition   the name of the saga's definition
 * @param step         the step's name
 * @param participant  the participant's name
 * @param action       the action to carry out: the step's action, or its compensation when
 *                     {@code compensation} is set
 * @param compensation whether this undoes the step's completed action
 * @param attempt      which attempt this is, from 1, counting every attempt of this command including
 *                     those after an operator's retry; a reply names the attempt it answers
 * @param commandId    the participant's idempotency key: the same for every attempt and every
 *                     delivery of this action of this saga, and different for every other action
 * @param data         the saga's data: its input with the outputs of the steps completed so far merged
 *                     in; an unmodifiable JSON-like map
 * @param deadline     when the coordinator stops waiting for the answer to this attempt (a later answer
 *                     may be disregarded, so work should not begin after it), or {@code null} when it
 *                     waits without limit
 */
public record SagaCommand(String sagaId, String definition, String step, String participant, String action,
                          boolean compensation, int attempt, String commandId, Map<String, Object> data,
                          Instant deadline) {

    /** Checks the identifying members and keeps an unmodifiable copy of the data. */
    public SagaCommand {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(commandId, "commandId");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be 1 or more, not " + attempt);
        }
        data = JsonTrees.copyObject(data);
    }
}
