package org.hyperiot.streaming.storm.streams.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;
import org.hyperiot.streaming.runtime.kafka.KafkaStreamTopics;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.hyperiot.streaming.runtime.kafka.StreamTopics;
import org.hyperiot.streaming.storm.worker.StreamTopology;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code storm} engine: a stream whose definition says {@code "engine": "storm"} runs as a Storm
 * topology, which this component has the Storm connector deploy by registering a
 * {@link TopologyProvider} for it ({@link StreamTopologyProvider}). Every node does so for every running
 * storm stream; the connector submits once. Halting unregisters the provider, and the connector kills
 * the topology with its wait.
 *
 * <p>Before deploying a stream that keeps window state or repartitions, the engine makes sure its
 * internal topics exist (changelog, repartition topic), as the {@code kafka} engine does; while it cannot
 * (a source topic missing, an unfit topic, Kafka unreachable) the stream waits, shows why in a waiting
 * task, and the engine tries again every {@value #RETRY_SECONDS} s. What the topology cannot run (custom
 * processors and aggregators that are not portable) is refused when the definition is stored
 * ({@link #refusals}); one stored anyway (through a node without this engine) reports a failed task
 * saying why ({@link StormStreamSupport}).
 */
@Component(service = StreamEngine.class, property = StreamEngine.ENGINE_PROPERTY + "=storm",
        configurationPid = StormStreamsConfiguration.PID)
@Designate(ocd = StormStreamsConfiguration.class)
public class StormStreamEngineComponent implements StreamEngine {

    private static final Logger LOG = LoggerFactory.getLogger(StormStreamEngineComponent.class);
    private static final String RUNTIME_JAR = "runtime/storm-stream-runtime.jar";
    /** Changed at each update of a provider, so that the connector reads it again. */
    private static final String GENERATION_PROPERTY = "hyperiot.stream.generation";
    /** The stream runtime's PID, whose status topic the bolts report to. */
    static final String RUNTIME_PID = "org.hyperiot.streaming.runtime";
    private static final String DEFAULT_STATUS_TOPIC = "hyperiot-streaming-status";
    private static final long DEFAULT_STATUS_INTERVAL_MS = 2000;

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final KafkaTopicAdmin topicAdmin;
    private final StreamTopics topics;
    /** How often a stream whose topics are not ready tries again. */
    static final int RETRY_SECONDS = 5;
    private final StormStreamsConfiguration settings;
    private final StormStreamStatus status;
    private final URI runtimeJar;
    private final StreamDefinitionWriter writer = new StreamDefinitionWriter();
    private final Map<String, Deployed> deployed = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    /** Streams whose internal topics could not be made ready yet: the latest definition and why. */
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries;
    /** Bundles whose portable declaration was found unusable and logged, by id and revision. */
    private final Set<String> unusableBundles = ConcurrentHashMap.newKeySet();

    private record Waiting(StreamDefinition definition, String reason) {
    }

    private record Deployed(StreamTopologyProvider provider, ServiceRegistration<TopologyProvider> registration,
            long generation) {
    }

    @Activate
    public StormStreamEngineComponent(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference KafkaTopicAdmin topicAdmin, @Reference TopologyService topologies,
            StormStreamsConfiguration settings) throws IOException {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.topicAdmin = topicAdmin;
        this.topics = new KafkaStreamTopics(topicAdmin);
        this.settings = settings;
        this.status = new StormStreamStatus(topologies);
        this.runtimeJar = extractRuntimeJar(context);
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "hyperiot-storm-streams-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Withdraws every provider, as a bundle stopping would: with a configuration change the component
     * comes back at once and registers them again with the new settings (a redeploy), and the
     * connector forgets, without killing, the providers that go while Karaf stops.
     */
    @Deactivate
    void deactivate() {
        retries.shutdownNow();
        for (String name : List.copyOf(deployed.keySet())) {
            halt(name);
        }
        waiting.clear();
    }

    /** Synchronized with {@link #halt}: the retry thread runs waiting streams beside the reconciler's calls. */
    @Override
    public synchronized void run(StreamDefinition definition) {
        String name = definition.name();
        PortableExtensions portable = portableExtensions();
        List<ValidationError> refusals = StormStreamSupport.refusals(definition, portable);
        if (!refusals.isEmpty()) {
            // Stored before this engine refused it at create, or through a node without this engine.
            halt(name);
            String reason = StormStreamSupport.describe(refusals);
            if (refused.put(name, reason) == null) {
                LOG.error("Stream {} cannot run on Storm: {}", name, reason);
            }
            return;
        }
        refused.remove(name);
        StreamTopologyProvider.Deployment next = StreamTopologyProvider.Deployment.of(definition,
                writer.write(definition), WorkerKafkaSettings.of(kafkaConnectorConfiguration(),
                        settings.worker_bootstrap_servers()), topologySettings(), portable);
        Deployed current = deployed.get(name);
        if (current != null && current.provider().deployment().equals(next)) {
            return;
        }
        try {
            topics.prepare(definition);
        } catch (IllegalStateException e) {
            Waiting before = waiting.put(name, new Waiting(definition, e.getMessage()));
            if (before == null || !before.reason().equals(e.getMessage())) {
                LOG.warn("Stream {} cannot start on Storm yet: {}; it tries again every {} s", name, e.getMessage(),
                        RETRY_SECONDS);
            }
            if (before == null) {
                retries.schedule(() -> retry(name), RETRY_SECONDS, TimeUnit.SECONDS);
            }
            return;
        }
        if (waiting.remove(name) != null) {
            LOG.info("Stream {}: its topics are ready; it deploys", name);
        }
        if (current == null) {
            StreamTopologyProvider provider = new StreamTopologyProvider(next, runtimeJar);
            ServiceRegistration<TopologyProvider> registration = context.registerService(TopologyProvider.class,
                    provider, properties(name, 0));
            deployed.put(name, new Deployed(provider, registration, 0));
            LOG.info("Stream {} deploys as Storm topology {}", name, provider.name());
        } else {
            current.provider().update(next);
            long generation = current.generation() + 1;
            current.registration().setProperties(properties(name, generation));
            deployed.put(name, new Deployed(current.provider(), current.registration(), generation));
            LOG.info("Stream {} changed: its topology {} is replaced", name, current.provider().name());
        }
    }

    @Override
    public List<ValidationError> refusals(StreamDefinition definition) {
        return StormStreamSupport.refusals(definition, portableExtensions());
    }

    /** Runs a waiting stream's latest definition again; schedules the next try while it still waits. */
    private synchronized void retry(String name) {
        Waiting stillWaiting = waiting.remove(name);
        if (stillWaiting == null) {
            return; // halted, or run by the reconciler meanwhile
        }
        try {
            run(stillWaiting.definition());
        } catch (RuntimeException e) {
            LOG.error("Stream {} could not be deployed on Storm", name, e);
        }
    }

    @Override
    public synchronized void halt(String name) {
        refused.remove(name);
        waiting.remove(name);
        Deployed current = deployed.remove(name);
        if (current != null) {
            try {
                current.registration().unregister();
            } catch (IllegalStateException e) {
                // Unregistered already, with the bundle.
            }
            LOG.info("Stream {} halted: its topology provider is withdrawn, so the connector kills the topology "
                    + "(unless Karaf is stopping)", name);
        }
    }

    @Override
    public void purge(StreamDefinition definition) {
        String name = definition.name();
        try {
            topicAdmin.deleteConsumerGroup(StreamResources.groupId(name));
            for (String internal : StreamResources.internalTopics(name)) {
                if (topicAdmin.describeTopic(internal).isPresent()) {
                    topicAdmin.deleteTopic(internal);
                }
            }
        } catch (KafkaAdminException e) {
            LOG.warn("Stream {}: its consumer group or internal topics could not be deleted: {}", name, e.getMessage());
        }
    }

    @Override
    public List<TaskStatus> tasks(String name) {
        String reason = refused.get(name);
        if (reason != null) {
            return List.of(StormStreamStatus.refused(reason));
        }
        Waiting waits = waiting.get(name);
        if (waits != null) {
            return List.of(StormStreamStatus.waiting(waits.reason()));
        }
        Deployed current = deployed.get(name);
        return current == null ? List.of() : status.tasks(current.provider());
    }

    @Override
    public Optional<StreamMetrics> metrics(String name) {
        // Not measured yet on Storm: the bolts' counters are not gathered anywhere the nodes can read.
        return Optional.empty();
    }

    @Override
    public Optional<TopologySummary> stormTopology(String name) {
        Deployed current = deployed.get(name);
        return current == null ? Optional.empty() : status.summary(current.provider());
    }

    @Override
    public Optional<StreamMetrics.StormTuples> stormTuples(String name) {
        Deployed current = deployed.get(name);
        return current == null ? Optional.empty() : status.tuples(current.provider());
    }

    private static Dictionary<String, Object> properties(String stream, long generation) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("hyperiot.stream", stream);
        properties.put(GENERATION_PROPERTY, generation);
        return properties;
    }

    /**
     * The portable processors and aggregators of the bundles running now. A bundle whose declaration
     * cannot be used is left out, and the reason logged once.
     */
    private PortableExtensions portableExtensions() {
        Map<String, String> processors = new TreeMap<>();
        Map<String, String> aggregators = new TreeMap<>();
        Map<String, URI> jars = new TreeMap<>();
        for (Bundle bundle : context.getBundles()) {
            Dictionary<String, String> headers = bundle.getHeaders("");
            String declaredProcessors = headers.get(PortableExtensions.PROCESSORS_HEADER);
            String declaredAggregators = headers.get(PortableExtensions.AGGREGATORS_HEADER);
            if (bundle.getState() != Bundle.ACTIVE || declaredProcessors == null && declaredAggregators == null) {
                continue;
            }
            try {
                URI jar = PortableExtensions.jarOf(bundle.getLocation());
                Map<String, String> bundleProcessors = PortableExtensions.parse(declaredProcessors);
                Map<String, String> bundleAggregators = PortableExtensions.parse(declaredAggregators);
                bundleProcessors.forEach(processors::putIfAbsent);
                bundleAggregators.forEach(aggregators::putIfAbsent);
                bundleProcessors.values().forEach(className -> jars.put(className, jar));
                bundleAggregators.values().forEach(className -> jars.put(className, jar));
            } catch (IllegalArgumentException e) {
                if (unusableBundles.add(bundle.getBundleId() + "@" + bundle.getLastModified())) {
                    LOG.warn("The portable processors of bundle {} cannot go to Storm: {}", bundle.getSymbolicName(),
                            e.getMessage());
                }
            }
        }
        return new PortableExtensions(processors, aggregators, jars);
    }

    /**
     * This engine's settings with the stream runtime's status topic and interval (PID
     * {@value #RUNTIME_PID}), which the bolt tasks report to as the nodes do.
     */
    private StreamTopology.Settings topologySettings() {
        Dictionary<String, Object> runtime = configuration(RUNTIME_PID);
        Object topic = runtime == null ? null : runtime.get("status.topic");
        Object interval = runtime == null ? null : runtime.get("status.interval.ms");
        return new StreamTopology.Settings(settings.transaction_timeout_ms(), settings.workers(),
                topic == null || topic.toString().isBlank() ? DEFAULT_STATUS_TOPIC : topic.toString().trim(),
                interval == null ? DEFAULT_STATUS_INTERVAL_MS : Long.parseLong(interval.toString().trim()));
    }

    private Dictionary<String, Object> kafkaConnectorConfiguration() {
        return configuration(WorkerKafkaSettings.KAFKA_CONNECTOR_PID);
    }

    private Dictionary<String, Object> configuration(String pid) {
        try {
            // "?" reads the configuration wherever it is bound, without binding it to this bundle.
            Configuration configuration = configurationAdmin.getConfiguration(pid, "?");
            return configuration.getProperties();
        } catch (IOException | SecurityException e) {
            LOG.warn("Cannot read configuration {}; storm streams go on with its defaults", pid, e);
            return null;
        }
    }

    /** The runtime jar carried in this bundle, written once to its data area for the connector to upload. */
    private static URI extractRuntimeJar(BundleContext context) throws IOException {
        URL entry = context.getBundle().getEntry(RUNTIME_JAR);
        if (entry == null) {
            throw new IOException("the bundle has no " + RUNTIME_JAR);
        }
        Path target = context.getDataFile("storm-stream-runtime-" + context.getBundle().getLastModified() + ".jar").toPath();
        if (!Files.isRegularFile(target)) {
            Path partial = Files.createTempFile(target.getParent(), "storm-stream-runtime-", ".part");
            try (InputStream in = entry.openStream()) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        }
        return target.toUri();
    }
}
