package org.hyperiot.streaming.engine;

import org.hyperiot.streaming.api.StreamRecord;

/**
 * Where a {@link StreamTask} sends what it produces. Calls come from the thread driving the task, in
 * the order the engine produces the records; a runtime writes them to the sink, late-record and
 * dead-letter topics and commits them with the input offsets according to the stream's guarantee.
 */
public interface TaskOutput {

    /** A record for the sink topic: a pipeline output or a window result. */
    void result(StreamRecord record);

    /** A record too late for its window; only called when the definition has a {@code lateRecords} topic. */
    void late(LateRecord late);

    /** A record that could not be decoded or processed; only called when the definition has a {@code deadLetter} topic. */
    void deadLetter(DeadLetterRecord deadLetter);
}
