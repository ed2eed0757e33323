package org.hyperiot.streaming.runtime.internal.store;

import org.hyperiot.streaming.api.StreamDefinition;

/**
 * A stream as kept in the definitions topic.
 *
 * @param definition the definition
 * @param desired    what the operator asked for: {@code CREATED} (never started), {@code RUNNING} or {@code STOPPED}
 * @param generation raised by every restart, so that nodes restart a stream whose definition did not change
 * @param updatedAt  when it was last written, epoch milliseconds
 */
public record StoredStream(StreamDefinition definition, Desired desired, long generation, long updatedAt) {

    /** The state an operator asked for. */
    public enum Desired { CREATED, RUNNING, STOPPED }

    public StoredStream with(Desired next, long now) {
        return new StoredStream(definition, next, generation, now);
    }
}
