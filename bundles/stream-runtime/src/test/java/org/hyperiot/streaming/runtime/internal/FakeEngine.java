package org.hyperiot.streaming.runtime.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.StreamState;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.api.storm.TopologySummary;

/**
 * A {@link StreamEngine} that runs nothing: it records the calls it gets, in order, and reports
 * one running task per stream it was asked to run.
 */
final class FakeEngine implements StreamEngine {

    private final String node;
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, StreamDefinition> running = new ConcurrentHashMap<>();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private final List<ValidationError> refusals = new CopyOnWriteArrayList<>();
    /** The Storm topology every stream runs as, for {@link #stormTopology}; null for none. */
    volatile TopologySummary topology;

    FakeEngine(String node) {
        this.node = node;
    }

    /** Makes {@link #refusals} refuse every definition with {@code error}. */
    void refuseWith(ValidationError error) {
        refusals.add(error);
    }

    @Override
    public List<ValidationError> refusals(StreamDefinition definition) {
        return List.copyOf(refusals);
    }

    /** Makes {@link #run} throw for {@code stream}. */
    void breakOn(String stream) {
        broken.add(stream);
    }

    /** The calls so far, as {@code "run s"}, {@code "halt s"}, {@code "purge s"}. */
    List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    boolean runs(String stream) {
        return running.containsKey(stream);
    }

    @Override
    public void run(StreamDefinition definition) {
        calls.add("run " + definition.name());
        if (broken.contains(definition.name())) {
            throw new IllegalStateException("engine broke on " + definition.name());
        }
        running.put(definition.name(), definition);
    }

    @Override
    public void halt(String name) {
        if (running.remove(name) != null) {
            calls.add("halt " + name);
        }
    }

    @Override
    public void purge(StreamDefinition definition) {
        calls.add("purge " + definition.name());
    }

    @Override
    public List<TaskStatus> tasks(String name) {
        return running.containsKey(name)
                ? List.of(new TaskStatus(node, "in-0", List.of("in-0"), StreamState.RUNNING, null))
                : List.of();
    }

    @Override
    public Optional<StreamMetrics> metrics(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<TopologySummary> stormTopology(String name) {
        return Optional.ofNullable(topology);
    }
}
