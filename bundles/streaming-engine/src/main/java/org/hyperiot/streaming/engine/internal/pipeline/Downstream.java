package org.hyperiot.streaming.engine.internal.pipeline;

import org.hyperiot.streaming.api.StreamRecord;

/** Receives the records an operator passes on. */
@FunctionalInterface
public interface Downstream {

    /** Takes one record; exceptions of later operators propagate to the caller. */
    void push(StreamRecord record) throws Exception;
}
