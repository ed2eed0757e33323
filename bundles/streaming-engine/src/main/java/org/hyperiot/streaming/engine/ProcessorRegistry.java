package org.hyperiot.streaming.engine;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamProcessor;

/**
 * How a task finds the custom processors and aggregators a definition names. In Karaf it is backed
 * by the OSGi services carrying {@code hyperiot.streaming.processor.name} and
 * {@code hyperiot.streaming.aggregator.name}; in Storm and in tests by plain suppliers.
 */
public interface ProcessorRegistry {

    /**
     * A processor instance for one task, or empty if none is registered under the name. The task
     * opens it, uses it from one thread and hands it back through {@link #release} after closing it.
     */
    Optional<StreamProcessor> processor(String name);

    /** The aggregator registered under the name, or empty if there is none. */
    Optional<StreamAggregator> aggregator(String name);

    /** Takes back a processor obtained from {@link #processor} once its task has closed it. */
    default void release(String name, StreamProcessor processor) {
    }

    /** A registry without any processor or aggregator. */
    static ProcessorRegistry empty() {
        return of(Map.of(), Map.of());
    }

    /**
     * A registry backed by suppliers: every {@link #processor} call gets a fresh instance from the
     * supplier registered under the name.
     */
    static ProcessorRegistry of(Map<String, ? extends Supplier<? extends StreamProcessor>> processors,
                                Map<String, ? extends Supplier<? extends StreamAggregator>> aggregators) {
        Map<String, ? extends Supplier<? extends StreamProcessor>> p = Map.copyOf(processors);
        Map<String, ? extends Supplier<? extends StreamAggregator>> a = Map.copyOf(aggregators);
        return new ProcessorRegistry() {
            @Override
            public Optional<StreamProcessor> processor(String name) {
                return Optional.ofNullable(p.get(name)).map(Supplier::get);
            }

            @Override
            public Optional<StreamAggregator> aggregator(String name) {
                return Optional.ofNullable(a.get(name)).map(Supplier::get);
            }
        };
    }
}
