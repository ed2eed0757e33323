package org.hyperiot.streaming.rest.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.StreamStatus;
import org.hyperiot.streaming.api.StreamSummary;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.storm.TopologySummary;

/**
 * A stream manager that keeps streams in a map and records every call, so that tests can check what
 * reached the manager (and that nothing did when the edge refused a request).
 */
final class InMemoryStreamManager implements StreamManager {

    private final Map<String, StreamDefinition> definitions = new TreeMap<>();
    private final Map<String, StreamState> states = new HashMap<>();

    /** Every call, as {@code "<method> <name>"}, plus {@code " purgeState=<b>"} for delete. */
    final List<String> calls = new ArrayList<>();
    /** Rules only the runtime knows (for example an unregistered processor): create and update fail with them. */
    List<ValidationError> runtimeRejection = List.of();
    /** When set, every call fails with it. */
    RuntimeException failure;
    final List<ProcessorInfo> processors = new ArrayList<>();
    /** Streams whose metrics call fails, with the error it fails with; the other calls still work. */
    final Map<String, RuntimeException> metricsFailures = new HashMap<>();
    /** Storm's tuple counts in every stream's metrics, as for a stream on the storm engine; null for none. */
    StreamMetrics.StormTuples stormTuples;
    /** The Storm topology in every stream's status, as for a stream on the storm engine; null for none. */
    TopologySummary topology;

    @Override
    public StreamDefinition create(StreamDefinition definition) {
        record("create " + definition.name());
        if (!runtimeRejection.isEmpty()) {
            throw new InvalidStreamDefinitionException(runtimeRejection);
        }
        if (definitions.containsKey(definition.name())) {
            throw new StreamExistsException(definition.name());
        }
        definitions.put(definition.name(), definition);
        states.put(definition.name(), StreamState.CREATED);
        return definition;
    }

    @Override
    public StreamDefinition update(StreamDefinition definition) {
        record("update " + definition.name());
        if (!runtimeRejection.isEmpty()) {
            throw new InvalidStreamDefinitionException(runtimeRejection);
        }
        require(definition.name());
        definitions.put(definition.name(), definition);
        return definition;
    }

    @Override
    public List<ValidationError> refusals(StreamDefinition definition) {
        return runtimeRejection;
    }

    @Override
    public void delete(String name, boolean purgeState) {
        record("delete " + name + " purgeState=" + purgeState);
        require(name);
        definitions.remove(name);
        states.remove(name);
    }

    @Override
    public void start(String name) {
        record("start " + name);
        require(name);
        states.put(name, StreamState.RUNNING);
    }

    @Override
    public void stop(String name) {
        record("stop " + name);
        require(name);
        states.put(name, StreamState.STOPPED);
    }

    @Override
    public void restart(String name) {
        record("restart " + name);
        require(name);
        states.put(name, StreamState.RUNNING);
    }

    @Override
    public List<StreamSummary> list() {
        record("list");
        return definitions.values().stream()
                .map(d -> new StreamSummary(d.name(), states.get(d.name()), d.engine(), d.guarantee()))
                .toList();
    }

    @Override
    public StreamDefinition get(String name) {
        record("get " + name);
        return require(name);
    }

    @Override
    public StreamStatus status(String name) {
        record("status " + name);
        require(name);
        StreamState state = states.get(name);
        List<TaskStatus> tasks = state == StreamState.RUNNING
                ? List.of(new TaskStatus("1", "telemetry-0", List.of("telemetry-0"), StreamState.RUNNING, null))
                : List.of();
        return new StreamStatus(name, state, tasks, null, topology);
    }

    @Override
    public StreamMetrics metrics(String name) {
        record("metrics " + name);
        if (metricsFailures.containsKey(name)) {
            throw metricsFailures.get(name);
        }
        require(name);
        return new StreamMetrics(name, 1200, 120, 40.5, 4.0, 3, 1, 17, 12.5, null, 1_700_000_010_000L, 9,
                List.of(new StreamMetrics.Task("1", "telemetry-0", 1200, 120, 3, 1, 17, 1_700_000_010_000L, 9)),
                stormTuples);
    }

    @Override
    public List<ProcessorInfo> processors() {
        record("processors");
        return List.copyOf(processors);
    }

    private void record(String call) {
        calls.add(call);
        if (failure != null) {
            throw failure;
        }
    }

    private StreamDefinition require(String name) {
        StreamDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new StreamNotFoundException(name);
        }
        return definition;
    }
}
