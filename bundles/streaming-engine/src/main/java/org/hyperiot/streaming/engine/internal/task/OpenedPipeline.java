package org.hyperiot.streaming.engine.internal.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.hyperiot.streaming.api.Operator;
import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.engine.MissingProcessorException;
import org.hyperiot.streaming.engine.ProcessorRegistry;
import org.hyperiot.streaming.engine.internal.operator.DeclaredOperators;
import org.hyperiot.streaming.engine.internal.operator.RecordOperatorDeclaration;
import org.hyperiot.streaming.engine.internal.operator.TransformContext;
import org.hyperiot.streaming.engine.internal.pipeline.RecordTransform;

/**
 * The part of a task that holds what it took from the processor registry: the record transforms of
 * its operators, opened, the processor instances they use, and the custom aggregators of its window.
 * Opening is all or nothing: a missing processor or aggregator, or one that fails to open, leaves
 * nothing acquired and nothing open.
 */
public final class OpenedPipeline {

    private static final System.Logger LOG = System.getLogger(OpenedPipeline.class.getName());

    /** A processor instance taken from the registry, to hand back on close. */
    private record AcquiredProcessor(String name, StreamProcessor processor) {
    }

    private final String streamName;
    private final ProcessorRegistry registry;
    private final List<RecordTransform> transforms;
    private final List<AcquiredProcessor> processors;
    private final Map<String, StreamAggregator> aggregators;

    private OpenedPipeline(String streamName, ProcessorRegistry registry, List<RecordTransform> transforms,
            List<AcquiredProcessor> processors, Map<String, StreamAggregator> aggregators) {
        this.streamName = streamName;
        this.registry = registry;
        this.transforms = transforms;
        this.processors = processors;
        this.aggregators = aggregators;
    }

    /**
     * Builds and opens the transforms of {@code operators} and looks up {@code customAggregators}.
     *
     * @throws MissingProcessorException if some are not registered (nothing is kept; try again later)
     * @throws IllegalStateException     if a processor fails to open
     */
    public static OpenedPipeline open(String streamName, List<Operator> operators, List<String> customAggregators,
            ProcessorRegistry registry, TaskTime time) {
        Acquisitions acquisitions = new Acquisitions(streamName, registry, time);
        List<RecordTransform> built = new ArrayList<>();
        for (Operator operator : operators) {
            if (DeclaredOperators.of(operator) instanceof RecordOperatorDeclaration<?> declaration) {
                RecordTransform transform = declaration.transformOf(operator, acquisitions);
                if (transform != null) {
                    built.add(transform);
                }
            }
        }
        Map<String, StreamAggregator> aggregators = new HashMap<>();
        List<String> missingAggregators = new ArrayList<>();
        for (String name : customAggregators) {
            registry.aggregator(name).ifPresentOrElse(a -> aggregators.put(name, a), () -> missingAggregators.add(name));
        }
        if (!acquisitions.missing.isEmpty() || !missingAggregators.isEmpty()) {
            acquisitions.releaseAll();
            throw new MissingProcessorException(acquisitions.missing, missingAggregators);
        }
        List<RecordTransform> opened = new ArrayList<>();
        for (RecordTransform transform : built) {
            try {
                transform.open();
                opened.add(transform);
            } catch (Exception e) {
                closeAll(streamName, opened);
                acquisitions.releaseAll();
                throw new IllegalStateException("stream '" + streamName + "': a processor failed to open: "
                        + e.getMessage(), e);
            }
        }
        return new OpenedPipeline(streamName, registry, List.copyOf(built), List.copyOf(acquisitions.acquired),
                Map.copyOf(aggregators));
    }

    /** The opened transforms, in pipeline order. */
    public List<RecordTransform> transforms() {
        return transforms;
    }

    /** The window's custom aggregators by name. */
    public Map<String, StreamAggregator> aggregators() {
        return aggregators;
    }

    /** Closes the transforms (a failure is logged, not thrown) and hands the processors back to the registry. */
    public void close() {
        closeAll(streamName, transforms);
        for (AcquiredProcessor acquired : processors) {
            registry.release(acquired.name(), acquired.processor());
        }
    }

    private static void closeAll(String streamName, List<RecordTransform> toClose) {
        for (RecordTransform transform : toClose) {
            try {
                transform.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "stream '" + streamName + "': a processor failed to close", e);
            }
        }
    }

    /** What the transforms take while the pipeline opens: processors found, and names not registered. */
    private static final class Acquisitions implements TransformContext {

        private final String streamName;
        private final ProcessorRegistry registry;
        private final TaskTime time;
        final List<AcquiredProcessor> acquired = new ArrayList<>();
        final List<String> missing = new ArrayList<>();

        Acquisitions(String streamName, ProcessorRegistry registry, TaskTime time) {
            this.streamName = streamName;
            this.registry = registry;
            this.time = time;
        }

        @Override
        public Optional<StreamProcessor> acquireProcessor(String name) {
            Optional<StreamProcessor> processor = registry.processor(name);
            processor.ifPresentOrElse(p -> acquired.add(new AcquiredProcessor(name, p)), () -> missing.add(name));
            return processor;
        }

        @Override
        public ProcessorContext processorContext(String processorName) {
            return new TaskProcessorContext(streamName, processorName, time);
        }

        void releaseAll() {
            acquired.forEach(a -> registry.release(a.name(), a.processor()));
        }
    }
}
