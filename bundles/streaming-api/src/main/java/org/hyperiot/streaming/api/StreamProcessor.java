package org.hyperiot.streaming.api;

import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;

/**
 * A custom step of a stream pipeline: one record in, zero or more records out. Register it as an
 * OSGi service with the property {@value #NAME_PROPERTY}{@code =<name>}; a pipeline operator
 * {@code {"op": "processor", "name": "<name>", "config": {…}}} uses it.
 *
 * <p>Each stream task uses its own instance for as long as the task runs: {@link #open} once,
 * {@link #process} for each record from a single thread, {@link #close} when the task stops. Register
 * the service with prototype scope so that every task gets a fresh instance; a singleton service is
 * shared by every task of every stream that uses it and must then be thread-safe and keep no
 * per-stream state.
 *
 * <p>An exception thrown by {@link #process} sends the input record to the stream's dead-letter topic
 * (or fails the stream if it has none); records emitted during that call are discarded. Processors
 * keep no state across records that must survive a restart: durable state belongs in windows.
 */
public interface StreamProcessor {

    /** The service property that names a processor. */
    String NAME_PROPERTY = "hyperiot.streaming.processor.name";

    /**
     * Prepares the processor for a task, before any record.
     *
     * @param config  the {@code config} object of the pipeline operator (a JSON-like tree, unmodifiable,
     *                empty when absent)
     * @param context the stream and task the processor serves
     * @throws Exception if the configuration is unusable; the task then fails to start
     */
    default void open(Map<String, Object> config, ProcessorContext context) throws Exception {
    }

    /**
     * Processes one record.
     *
     * @param record the record; its value must not be modified
     * @param out    receives the records to pass downstream, in order
     * @throws Exception to dead-letter the record
     */
    void process(StreamRecord record, RecordCollector out) throws Exception;

    /**
     * Releases what {@link #open} acquired; called once when the task stops.
     *
     * @throws Exception is logged and otherwise ignored
     */
    default void close() throws Exception {
    }
}
