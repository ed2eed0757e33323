package org.hyperiot.streaming.runtime.internal.kafka;

import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamProcessor;

/**
 * The catalog tests give the runtime: the processors of a map the test may change while a worker
 * runs, aggregators by name only, and a count of how often a worker asked what is missing.
 */
public final class RegisteredProcessors implements ProcessorCatalog {

    private final Map<String, StreamProcessor> processors;
    private final Set<String> aggregators;
    private final AtomicInteger missingChecks = new AtomicInteger();

    public RegisteredProcessors(Map<String, StreamProcessor> processors, Set<String> aggregators) {
        this.processors = processors;
        this.aggregators = aggregators;
    }

    /** Processors registered by name, for code that checks names and never calls one. */
    public static RegisteredProcessors named(Set<String> processors, Set<String> aggregators) {
        StreamProcessor neverCalled = (record, out) -> {
            throw new AssertionError("a processor registered by name only was called");
        };
        Map<String, StreamProcessor> byName = new HashMap<>();
        processors.forEach(name -> byName.put(name, neverCalled));
        return new RegisteredProcessors(byName, aggregators);
    }

    /** How often {@link #missing} was asked. */
    public int missingChecks() {
        return missingChecks.get();
    }

    @Override
    public boolean hasProcessor(String name) {
        return processors.containsKey(name);
    }

    @Override
    public boolean hasAggregator(String name) {
        return aggregators.contains(name);
    }

    @Override
    public List<String> missing(StreamDefinition definition) {
        missingChecks.incrementAndGet();
        return ProcessorCatalog.super.missing(definition);
    }

    @Override
    public List<ProcessorInfo> list() {
        return List.of();
    }

    @Override
    public void addRemovalListener(Consumer<String> listener) {
    }

    @Override
    public void removeRemovalListener(Consumer<String> listener) {
    }

    @Override
    public Optional<StreamProcessor> processor(String name) {
        return Optional.ofNullable(processors.get(name));
    }

    @Override
    public Optional<StreamAggregator> aggregator(String name) {
        return Optional.empty();
    }
}
