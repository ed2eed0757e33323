package org.hyperiot.streaming.storm.worker;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.ProcessorRegistry;

/**
 * The custom processors and aggregators a stream topology carries: their classes by the names
 * definitions use, from the topology configuration ({@link StreamTopologyConfig#PROCESSORS},
 * {@link StreamTopologyConfig#AGGREGATORS}). The classes come from the processor bundles' jars, which
 * the topology ships beside the runtime jar; each task gets instances of its own, made with the
 * class's public no-argument constructor.
 */
final class TopologyExtensions {

    private TopologyExtensions() {
    }

    /**
     * The registry of the classes named in {@code configuration}. A class that cannot be loaded or made
     * is left out, so that a stream naming it stops its partitions with the engine's "missing processor"
     * error, and the reason is thrown here at once for the bolt's log.
     */
    static ProcessorRegistry registry(Map<String, Object> configuration, ClassLoader loader) {
        Map<String, Supplier<StreamProcessor>> processors = new HashMap<>();
        StreamTopologyConfig.processors(configuration).forEach((name, className) ->
                processors.put(name, factory(className, StreamProcessor.class, loader)));
        Map<String, Supplier<StreamAggregator>> aggregators = new HashMap<>();
        StreamTopologyConfig.aggregators(configuration).forEach((name, className) ->
                aggregators.put(name, factory(className, StreamAggregator.class, loader)));
        return ProcessorRegistry.of(processors, aggregators);
    }

    private static <T> Supplier<T> factory(String className, Class<T> type, ClassLoader loader) {
        Class<? extends T> loaded;
        try {
            loaded = Class.forName(className, true, loader).asSubclass(type);
            // Fails here, at prepare, rather than in the middle of a partition's records.
            loaded.getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new IllegalStateException("class " + className + " is not a " + type.getSimpleName()
                    + " with a public no-argument constructor on this worker's classpath: " + e, e);
        }
        return () -> {
            try {
                return loaded.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a " + className, e);
            }
        };
    }
}
