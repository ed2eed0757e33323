package org.hyperiot.streaming.engine.internal.pipeline;

import org.hyperiot.streaming.api.StreamRecord;

/**
 * One stateless pipeline operator. Kept apart from what follows it so that native mode can chain
 * the operators record by record and micro-batch mode can run each operator over a whole batch.
 */
public interface RecordTransform {

    /** Processes one record, passing zero or more records to {@code out}. */
    void apply(StreamRecord record, Downstream out) throws Exception;

    /** Called once when the task opens, before any record. */
    default void open() throws Exception {
    }

    /** Called once when the task closes. */
    default void close() throws Exception {
    }
}
