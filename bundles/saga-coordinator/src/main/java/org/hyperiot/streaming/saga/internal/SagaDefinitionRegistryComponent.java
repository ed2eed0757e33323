package org.hyperiot.streaming.saga.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.api.health.HealthContributor;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionExistsException;
import org.hyperiot.streaming.api.saga.SagaDefinitionNotFoundException;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;
import org.hyperiot.streaming.kafka.support.CompactedTopicMap;
import org.hyperiot.streaming.kafka.support.InternalTopic;
import org.hyperiot.streaming.kafka.support.TopicVerdict;
import org.hyperiot.streaming.saga.internal.definition.SagaDefinitionJson;
import org.hyperiot.streaming.saga.internal.definition.SagaDefinitionRules;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saga definitions of the cluster, in a compacted single-partition topic that every node reads
 * ({@link CompactedTopicMap}, shared with the stream runtime): a write returns once this node has read
 * it back. Definitions that bundles register as {@code SagaDefinition} services are stored too (created,
 * or replaced when they differ), so a participant bundle can bring the sagas it takes part in.
 */
@Component(service = {SagaDefinitionRegistry.class, HealthContributor.class}, configurationPid = SagaConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class SagaDefinitionRegistryComponent implements SagaDefinitionRegistry, HealthContributor {

    private static final Logger LOG = LoggerFactory.getLogger(SagaDefinitionRegistryComponent.class);
    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(15);

    private final SagaDefinitionJson json = new SagaDefinitionJson();
    private final CompactedTopicMap definitions;
    private volatile boolean loaded;
    /** Stores bundles' definitions off the DS thread, which must not wait for Kafka. */
    private final ExecutorService registrations = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "hyperiot-saga-definition-services");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public SagaDefinitionRegistryComponent(@Reference KafkaConnector connector, @Reference KafkaTopicAdmin topicAdmin,
            SagaConfiguration configuration) {
        this.definitions = new CompactedTopicMap(new InternalTopic(configuration.definitions_topic(),
                "the saga definitions", SagaConfiguration.PID, "definitions.topic", true,
                "this node refuses saga definition requests"), connector, topicAdmin, configuration.replication_factor());
        definitions.start((name, value) -> {
        });
    }

    @Deactivate
    void deactivate() {
        registrations.shutdownNow();
        definitions.close();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDefinitionService(SagaDefinition definition, ServiceReference<SagaDefinition> reference) {
        String origin = "bundle " + reference.getBundle().getSymbolicName();
        registrations.execute(() -> storeService(definition, origin));
    }

    void removeDefinitionService(SagaDefinition definition) {
        // A definition stays when the bundle that brought it goes: sagas may still be started with it.
    }

    @Override
    public List<SagaDefinition> list() {
        awaitFirstLoad();
        List<SagaDefinition> all = new ArrayList<>();
        definitions.snapshot().forEach((name, value) -> decode(name, value).ifPresent(all::add));
        all.sort(Comparator.comparing(SagaDefinition::name));
        return all;
    }

    @Override
    public SagaDefinition get(String name) {
        awaitFirstLoad();
        return definitions.get(name).flatMap(value -> decode(name, value))
                .orElseThrow(() -> new SagaDefinitionNotFoundException(name));
    }

    @Override
    public synchronized SagaDefinition create(SagaDefinition definition) {
        SagaDefinitionRules.requireValid(definition);
        awaitLoaded();
        if (definitions.get(definition.name()).isPresent()) {
            throw new SagaDefinitionExistsException(definition.name());
        }
        put(definition);
        return definition;
    }

    @Override
    public synchronized SagaDefinition update(SagaDefinition definition) {
        SagaDefinitionRules.requireValid(definition);
        awaitLoaded();
        if (definitions.get(definition.name()).isEmpty()) {
            throw new SagaDefinitionNotFoundException(definition.name());
        }
        put(definition);
        return definition;
    }

    @Override
    public synchronized void delete(String name) {
        awaitLoaded();
        if (definitions.get(name).isEmpty()) {
            throw new SagaDefinitionNotFoundException(name);
        }
        write(name, null);
    }

    @Override
    public List<ValidationError> validate(SagaDefinition definition) {
        return SagaDefinitionRules.validate(definition);
    }

    @Override
    public String component() {
        return "sagaDefinitions";
    }

    @Override
    public ComponentHealth health() {
        TopicVerdict verdict = definitions.verdict();
        Map<String, String> details = Map.of("topic", verdict.topic(), "topicCheck", verdict.outcome().name());
        // A topic not checked yet (Kafka unreachable at start) is not a fault of the definitions: the Kafka
        // component says why. Only a topic found unfit makes the registry unusable.
        return verdict.outcome() == TopicVerdict.Outcome.UNFIT
                ? ComponentHealth.down(verdict.reason(), details, verdict.checkedAt())
                : ComponentHealth.up(details, verdict.checkedAt());
    }

    private void storeService(SagaDefinition definition, String origin) {
        try {
            List<ValidationError> errors = SagaDefinitionRules.validate(definition);
            if (!errors.isEmpty()) {
                LOG.error("Saga definition '{}' registered as a service is invalid and not stored: {}", definition.name(),
                        new InvalidSagaDefinitionException(errors).getMessage());
                return;
            }
            synchronized (this) {
                awaitLoaded();
                Optional<SagaDefinition> stored = definitions.get(definition.name()).flatMap(v -> decode(definition.name(), v));
                if (stored.isPresent() && stored.get().equals(definition)) {
                    return;
                }
                put(definition);
            }
            LOG.info("Saga definition '{}' stored from a service of {}", definition.name(), origin);
        } catch (RuntimeException e) {
            LOG.error("Saga definition '{}' registered as a service could not be stored: {}", definition.name(),
                    e.toString());
        }
    }

    private void put(SagaDefinition definition) {
        write(definition.name(), json.write(definition).getBytes(StandardCharsets.UTF_8));
    }

    private void write(String name, byte[] value) {
        try {
            definitions.put(name, value, WRITE_TIMEOUT);
        } catch (TimeoutException e) {
            throw new StreamingException("saga definition '" + name + "' was not written within "
                    + WRITE_TIMEOUT.toSeconds() + " s: " + e.getMessage(), e);
        }
    }

    /**
     * Reads wait for the topic to be read once; after that they answer from memory, which follows the
     * topic within a poll, rather than asking Kafka for its end on every saga start.
     */
    private void awaitFirstLoad() {
        if (!loaded) {
            awaitLoaded();
            loaded = true;
        }
    }

    /** Writes and existence checks read up to the topic's end first, so they see every earlier write. */
    private void awaitLoaded() {
        try {
            definitions.awaitCaughtUp(LOAD_TIMEOUT);
        } catch (TimeoutException e) {
            throw new StreamingException("the saga definitions could not be read: " + e.getMessage(), e);
        }
    }

    private Optional<SagaDefinition> decode(String name, byte[] value) {
        try {
            SagaDefinition definition = json.read(new String(value, StandardCharsets.UTF_8));
            if (!definition.name().equals(name)) {
                LOG.warn("Saga definition stored under '{}' is named '{}'; ignored", name, definition.name());
                return Optional.empty();
            }
            return Optional.of(definition);
        } catch (RuntimeException e) {
            LOG.warn("Saga definition '{}' in the definitions topic cannot be read and is ignored: {}", name,
                    e.getMessage());
            return Optional.empty();
        }
    }
}
