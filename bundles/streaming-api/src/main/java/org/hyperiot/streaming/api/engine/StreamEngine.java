package org.hyperiot.streaming.api.engine;

import java.util.List;
import java.util.Optional;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs streams on one execution engine, as seen from one cluster node. The stream manager of every
 * node calls {@link #run} for each stream that should be running and {@link #halt} for each that
 * should not; an engine therefore receives the same calls on every node and decides itself how the
 * work is shared (the Kafka engine joins the stream's consumer group from every node; an engine
 * with a central scheduler submits once). Calls for one stream come from one thread at a time.
 */
@ConsumerType
public interface StreamEngine {

    /** Service property naming the engine, matched against a definition's {@code engine}. */
    String ENGINE_PROPERTY = "hyperiot.streaming.engine";

    /**
     * Makes the stream run with this definition, resuming from its last checkpoint. Idempotent for
     * the same definition; a changed definition restarts the stream's work with it.
     */
    void run(StreamDefinition definition);

    /**
     * Stops the stream's work on this node after checkpointing it; does nothing for a stream that is
     * not running here. Returns once the work has stopped.
     */
    void halt(String name);

    /**
     * Deletes what the stream owns on the engine (for Kafka: its consumer group and internal topics).
     * Called after the stream was halted on every node.
     */
    void purge(StreamDefinition definition);

    /** The tasks of the stream running on this node; empty when none. */
    List<TaskStatus> tasks(String name);

    /** The stream's counters on this node, if it runs here. */
    Optional<StreamMetrics> metrics(String name);

    /**
     * Storm's count of the stream's tuples, for an engine that runs streams as Storm topologies; empty
     * for the others, for a stream not deployed, or when Storm does not answer.
     *
     * @since 1.2
     */
    default Optional<StreamMetrics.StormTuples> stormTuples(String name) {
        return Optional.empty();
    }

    /**
     * The stream's Storm topology as Nimbus lists it, for an engine that runs streams as Storm
     * topologies; empty for the others, for a stream not deployed, or when Storm does not answer.
     *
     * @since 1.2
     */
    default Optional<TopologySummary> stormTopology(String name) {
        return Optional.empty();
    }

    /**
     * What keeps a valid definition naming this engine from running on it, as errors pointing at the
     * parts of the definition concerned; empty when it can run. The stream manager asks before it
     * stores such a definition, and refuses it with these errors.
     */
    default List<ValidationError> refusals(StreamDefinition definition) {
        return List.of();
    }
}
