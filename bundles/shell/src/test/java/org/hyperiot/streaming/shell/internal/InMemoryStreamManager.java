package org.hyperiot.streaming.shell.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

/** A stream manager that keeps streams in a map and records every call. */
final class InMemoryStreamManager implements StreamManager {

    private final Map<String, StreamDefinition> definitions = new TreeMap<>();
    private final Map<String, StreamState> states = new HashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<ProcessorInfo> processors = new ArrayList<>();

    @Override
    public StreamDefinition create(StreamDefinition definition) {
        calls.add("create " + definition.name());
        if (definitions.containsKey(definition.name())) {
            throw new StreamExistsException(definition.name());
        }
        definitions.put(definition.name(), definition);
        states.put(definition.name(), StreamState.CREATED);
        return definition;
    }

    @Override
    public StreamDefinition update(StreamDefinition definition) {
        calls.add("update " + definition.name());
        require(definition.name());
        definitions.put(definition.name(), definition);
        return definition;
    }

    @Override
    public void delete(String name, boolean purgeState) {
        calls.add("delete " + name + " purgeState=" + purgeState);
        require(name);
        definitions.remove(name);
    }

    @Override
    public void start(String name) {
        calls.add("start " + name);
        require(name);
        states.put(name, StreamState.RUNNING);
    }

    @Override
    public void stop(String name) {
        calls.add("stop " + name);
        require(name);
        states.put(name, StreamState.STOPPED);
    }

    @Override
    public void restart(String name) {
        calls.add("restart " + name);
        require(name);
        states.put(name, StreamState.RUNNING);
    }

    @Override
    public List<StreamSummary> list() {
        return definitions.values().stream()
                .map(d -> new StreamSummary(d.name(), states.get(d.name()), d.engine(), d.guarantee()))
                .toList();
    }

    @Override
    public StreamDefinition get(String name) {
        return require(name);
    }

    @Override
    public StreamStatus status(String name) {
        require(name);
        StreamState state = states.get(name);
        return state == StreamState.RUNNING
                ? new StreamStatus(name, state, List.of(new TaskStatus("1", "telemetry-0", List.of("telemetry-0"),
                        StreamState.RUNNING, null)), null)
                : new StreamStatus(name, state, List.of(), null);
    }

    @Override
    public StreamMetrics metrics(String name) {
        require(name);
        return new StreamMetrics(name, 1200, 120, 40.5, 4.0, 3, 1, 17, 12.5, null, 1_700_000_010_000L, 9, List.of());
    }

    @Override
    public List<ProcessorInfo> processors() {
        return List.copyOf(processors);
    }

    private StreamDefinition require(String name) {
        StreamDefinition definition = definitions.get(name);
        if (definition == null) {
            throw new StreamNotFoundException(name);
        }
        return definition;
    }
}
