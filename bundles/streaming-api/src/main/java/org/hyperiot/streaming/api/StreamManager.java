package org.hyperiot.streaming.api;

import java.util.List;

/**
 * The service that owns the streams of the cluster: it stores their definitions, runs them on their
 * engine and reports their status. Start, stop and restart are idempotent and asynchronous: they
 * return once the request is recorded, and {@link #status(String)} shows when it takes effect.
 */
public interface StreamManager {

    /**
     * Validates and stores a new stream in state {@link StreamState#CREATED}.
     *
     * @return the stored definition
     * @throws InvalidStreamDefinitionException if the definition breaks a rule
     * @throws StreamExistsException            if a stream with that name exists
     * @throws StreamLimitReachedException      if the cluster holds as many streams as the runtime allows
     */
    StreamDefinition create(StreamDefinition definition);

    /**
     * Replaces the definition of an existing stream; a running stream restarts with it and keeps the
     * state that is still compatible (for example window contents when the window is unchanged).
     *
     * @return the stored definition
     * @throws InvalidStreamDefinitionException if the definition breaks a rule
     * @throws StreamNotFoundException          if no stream has the definition's name
     */
    StreamDefinition update(StreamDefinition definition);

    /**
     * What keeps a valid definition from being stored through this node, each error pointing at the
     * operator concerned: a custom processor or aggregator not registered here, or what the stream's
     * engine, when installed here, cannot run (for the {@code storm} engine, a processor that no bundle
     * declares portable). {@link #create} and {@link #update} refuse with these errors; an empty list
     * when there are none. The definition's own rules are not checked here.
     *
     * @since 1.3
     */
    default List<ValidationError> refusals(StreamDefinition definition) {
        return List.of();
    }

    /**
     * Stops and removes a stream.
     *
     * @param purgeState also delete the Kafka resources the stream owns: its consumer group
     *                   {@code hyperiot-stream-<name>} and its internal topics such as
     *                   {@code hyperiot-stream-<name>-changelog}, named in full so that no other
     *                   stream's resources are touched
     * @throws StreamNotFoundException if no stream has that name
     */
    void delete(String name, boolean purgeState);

    /**
     * Starts a stream, resuming from its last checkpoint; does nothing if it is already running.
     *
     * @throws StreamNotFoundException if no stream has that name
     */
    void start(String name);

    /**
     * Stops a stream after checkpointing it; does nothing if it is already stopped.
     *
     * @throws StreamNotFoundException if no stream has that name
     */
    void stop(String name);

    /**
     * Stops and starts a stream again, for example to leave {@link StreamState#FAILED}.
     *
     * @throws StreamNotFoundException if no stream has that name
     */
    void restart(String name);

    /** Every stream of the cluster with its state, ordered by name. */
    List<StreamSummary> list();

    /**
     * The stored definition of a stream.
     *
     * @throws StreamNotFoundException if no stream has that name
     */
    StreamDefinition get(String name);

    /**
     * The state of a stream and of its tasks.
     *
     * @throws StreamNotFoundException if no stream has that name
     */
    StreamStatus status(String name);

    /**
     * The counters of a stream summed over the nodes running it, with one entry per task.
     *
     * @throws StreamNotFoundException if no stream has that name
     */
    StreamMetrics metrics(String name);

    /** The custom processors and aggregators registered in the cluster node, ordered by name. */
    List<ProcessorInfo> processors();
}
