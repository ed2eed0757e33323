package org.hyperiot.streaming.api;

import org.hyperiot.streaming.api.StreamRecord;

/** Receives the records a {@link StreamProcessor} passes downstream. Valid only during the call it was given to. */
@FunctionalInterface
public interface RecordCollector {

    /** Passes a record to the next operator; records keep the order in which they are emitted. */
    void emit(StreamRecord record);
}
