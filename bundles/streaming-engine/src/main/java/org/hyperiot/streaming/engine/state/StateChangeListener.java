package org.hyperiot.streaming.engine.state;

/**
 * Receives every change to a task's state stores, synchronously and in order, on the thread driving
 * the task. A runtime appends them to the stream's changelog topic (for exactly-once, inside the
 * transaction that also commits the outputs and offsets of the same records).
 */
@FunctionalInterface
public interface StateChangeListener {

    /** Called after a store has applied the change. */
    void onChange(StateChange change);
}
