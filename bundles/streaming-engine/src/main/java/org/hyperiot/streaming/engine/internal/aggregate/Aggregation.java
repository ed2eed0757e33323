package org.hyperiot.streaming.engine.internal.aggregate;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.internal.state.StateReader;
import org.hyperiot.streaming.engine.internal.state.StateWriter;

/**
 * One aggregate of a window over accumulators. Built-in aggregations update their accumulator in
 * place and cannot fail; custom ones ({@link #mayFail()}) return a new accumulator so that the
 * window can compute every update before applying any, and so leave state untouched when one throws.
 */
public interface Aggregation {

    /** The accumulator of an empty window. */
    Object create();

    /** Adds a record; returns the accumulator to keep, which for built-ins is the one given. */
    Object add(Object accumulator, StreamRecord record);

    /** Combines two accumulators into a new one, leaving both unchanged. */
    Object merge(Object first, Object second);

    /** The value published in the window result. */
    Object result(Object accumulator);

    /** True when {@link #add} and {@link #merge} run user code that may throw. */
    default boolean mayFail() {
        return false;
    }

    /** Writes an accumulator for a checkpoint. */
    void write(Object accumulator, StateWriter out);

    /** Reads an accumulator written by {@link #write}. */
    Object read(StateReader in);
}
