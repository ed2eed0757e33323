package org.hyperiot.streaming.runtime.internal;

import java.util.HashMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.hyperiot.streaming.api.ProcessorInfo;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.api.StreamProcessor;
import org.hyperiot.streaming.runtime.internal.kafka.ProcessorCatalog;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceObjects;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks the {@link StreamProcessor} and {@link StreamAggregator} services of user bundles by their
 * name property. A service tracker rather than a DS reference: its removal callback runs while the
 * service is still usable, so streams can commit and let go of it before the bundle is gone.
 * Processors are prototype-scoped when their bundle allows it: each task gets its own instance.
 */
@Component(service = ProcessorCatalog.class)
public class ProcessorTrackerComponent implements ProcessorCatalog {

    /** Service property naming a processor. */
    public static final String PROCESSOR_NAME = "hyperiot.streaming.processor.name";
    /** Service property naming an aggregator. */
    public static final String AGGREGATOR_NAME = "hyperiot.streaming.aggregator.name";

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorTrackerComponent.class);

    private final BundleContext context;
    private final ServiceTracker<StreamProcessor, ServiceReference<StreamProcessor>> processors;
    private final ServiceTracker<StreamAggregator, ServiceReference<StreamAggregator>> aggregators;
    private final List<Consumer<String>> removalListeners = new CopyOnWriteArrayList<>();
    private final Map<StreamProcessor, ServiceObjects<StreamProcessor>> lent = new IdentityHashMap<>();
    private final Map<ServiceReference<StreamAggregator>, StreamAggregator> aggregatorInstances = new HashMap<>();

    @Activate
    public ProcessorTrackerComponent(BundleContext context) {
        this.context = context;
        this.processors = new ServiceTracker<>(context, StreamProcessor.class, new Named<>(PROCESSOR_NAME));
        this.aggregators = new ServiceTracker<>(context, StreamAggregator.class, new Named<>(AGGREGATOR_NAME));
        processors.open();
        aggregators.open();
    }

    @Deactivate
    void deactivate() {
        processors.close();
        aggregators.close();
    }

    @Override
    public Optional<StreamProcessor> processor(String name) {
        ServiceReference<StreamProcessor> reference = find(processors, PROCESSOR_NAME, name);
        if (reference == null) {
            return Optional.empty();
        }
        ServiceObjects<StreamProcessor> objects = context.getServiceObjects(reference);
        StreamProcessor processor = objects == null ? null : objects.getService();
        if (processor == null) {
            return Optional.empty();
        }
        synchronized (lent) {
            lent.put(processor, objects);
        }
        return Optional.of(processor);
    }

    @Override
    public void release(String name, StreamProcessor processor) {
        ServiceObjects<StreamProcessor> objects;
        synchronized (lent) {
            objects = lent.remove(processor);
        }
        if (objects != null) {
            try {
                objects.ungetService(processor);
            } catch (IllegalStateException | IllegalArgumentException e) {
                // The providing bundle is already gone; nothing is left to hand back.
                LOG.debug("Processor {} could not be handed back: {}", name, e.toString());
            }
        }
    }

    /** Aggregators are shared by every task: one instance per service, handed back when it goes. */
    @Override
    public Optional<StreamAggregator> aggregator(String name) {
        ServiceReference<StreamAggregator> reference = find(aggregators, AGGREGATOR_NAME, name);
        if (reference == null) {
            return Optional.empty();
        }
        synchronized (aggregatorInstances) {
            return Optional.ofNullable(aggregatorInstances.computeIfAbsent(reference, context::getService));
        }
    }

    @Override
    public boolean hasProcessor(String name) {
        return find(processors, PROCESSOR_NAME, name) != null;
    }

    @Override
    public boolean hasAggregator(String name) {
        return find(aggregators, AGGREGATOR_NAME, name) != null;
    }

    @Override
    public void addRemovalListener(Consumer<String> listener) {
        removalListeners.add(listener);
    }

    @Override
    public void removeRemovalListener(Consumer<String> listener) {
        removalListeners.remove(listener);
    }

    @Override
    public List<ProcessorInfo> list() {
        List<ProcessorInfo> all = new ArrayList<>();
        describe(processors, PROCESSOR_NAME, ProcessorInfo.Kind.PROCESSOR, all);
        describe(aggregators, AGGREGATOR_NAME, ProcessorInfo.Kind.AGGREGATOR, all);
        all.sort(Comparator.comparing(ProcessorInfo::name).thenComparing(ProcessorInfo::kind));
        return all;
    }

    private static <S> void describe(ServiceTracker<S, ServiceReference<S>> tracker, String property,
            ProcessorInfo.Kind kind, List<ProcessorInfo> into) {
        ServiceReference<S>[] references = tracker.getServiceReferences();
        if (references == null) {
            return;
        }
        for (ServiceReference<S> reference : references) {
            if (reference.getBundle() != null) {
                into.add(new ProcessorInfo(String.valueOf(reference.getProperty(property)), kind,
                        reference.getBundle().getSymbolicName(), reference.getBundle().getVersion().toString()));
            }
        }
    }

    /** The highest-ranked service with the name, or null. */
    private static <S> ServiceReference<S> find(ServiceTracker<S, ServiceReference<S>> tracker, String property,
            String name) {
        ServiceReference<S>[] references = tracker.getServiceReferences();
        if (references == null) {
            return null;
        }
        ServiceReference<S> best = null;
        for (ServiceReference<S> reference : references) {
            if (name.equals(reference.getProperty(property)) && (best == null || reference.compareTo(best) > 0)) {
                best = reference;
            }
        }
        return best;
    }

    /** Tracks the services that carry a name; tells the listeners before one goes away. */
    private final class Named<S> implements ServiceTrackerCustomizer<S, ServiceReference<S>> {

        private final String property;

        Named(String property) {
            this.property = property;
        }

        @Override
        public ServiceReference<S> addingService(ServiceReference<S> reference) {
            Object name = reference.getProperty(property);
            if (!(name instanceof String) || ((String) name).isBlank()) {
                LOG.warn("Service {} from bundle {} has no {} property and is ignored", reference.getProperty("service.id"),
                        reference.getBundle() == null ? "?" : reference.getBundle().getSymbolicName(), property);
                return null;
            }
            LOG.info("Registered {} {}", property.endsWith("processor.name") ? "processor" : "aggregator", name);
            return reference;
        }

        @Override
        public void modifiedService(ServiceReference<S> reference, ServiceReference<S> tracked) {
        }

        @Override
        public void removedService(ServiceReference<S> reference, ServiceReference<S> tracked) {
            String name = (String) reference.getProperty(property);
            for (Consumer<String> listener : removalListeners) {
                try {
                    listener.accept(name);
                } catch (RuntimeException e) {
                    LOG.error("A stream did not let go of {} cleanly", name, e);
                }
            }
            synchronized (aggregatorInstances) {
                if (aggregatorInstances.remove(reference) != null) {
                    context.ungetService(reference);
                }
            }
            LOG.info("Unregistered {}", name);
        }
    }
}
