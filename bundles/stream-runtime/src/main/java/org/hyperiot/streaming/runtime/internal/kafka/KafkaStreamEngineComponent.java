package org.hyperiot.streaming.runtime.internal.kafka;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamMetrics;
import org.hyperiot.streaming.api.TaskStatus;
import org.hyperiot.streaming.api.engine.StreamEngine;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.runtime.internal.RuntimeConfiguration;
import org.hyperiot.streaming.runtime.kafka.StreamResources;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} engine: streams run as worker threads inside this Karaf node, sharing each
 * stream's partitions with the other nodes through the stream's consumer group.
 */
@Component(service = StreamEngine.class, property = StreamEngine.ENGINE_PROPERTY + "=kafka",
        configurationPid = RuntimeConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class KafkaStreamEngineComponent implements StreamEngine {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreamEngineComponent.class);
    private static final Duration SUSPEND_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GROUP_DELETE_RETRY = Duration.ofMillis(500);

    private final KafkaTopicAdmin topicAdmin;
    private final StreamClients clients;
    private final ProcessorCatalog catalog;
    private final WorkerSettings settings;
    private final WorkerThreadBudget threadBudget;
    private final Map<String, StreamRunner> runners = new ConcurrentHashMap<>();
    private final Consumer<String> processorRemoval = this::processorRemoving;

    @Activate
    public KafkaStreamEngineComponent(@Reference KafkaConnector connector, @Reference KafkaTopicAdmin topicAdmin,
            @Reference ProcessorCatalog catalog, RuntimeConfiguration configuration) {
        this.topicAdmin = topicAdmin;
        this.clients = StreamClients.of(connector, topicAdmin);
        this.catalog = catalog;
        this.settings = new WorkerSettings(connector.identity().nodeId(),
                Duration.ofMillis(configuration.session_timeout_ms()),
                Duration.ofMillis(configuration.transaction_timeout_ms()), configuration.max_poll_records(),
                Duration.ofMillis(configuration.max_retry_backoff_ms()));
        this.threadBudget = new WorkerThreadBudget(configuration.max_worker_threads());
        catalog.addRemovalListener(processorRemoval);
    }

    @Deactivate
    void deactivate() {
        catalog.removeRemovalListener(processorRemoval);
        List<StreamRunner> all = new ArrayList<>(runners.values());
        runners.clear();
        // Asked together so that the streams wind down in parallel; each waits for its last commit.
        all.parallelStream().forEach(StreamRunner::stop);
    }

    @Override
    public synchronized void run(StreamDefinition definition) {
        StreamRunner current = runners.get(definition.name());
        if (current != null && current.definition().equals(definition)) {
            return;
        }
        if (current != null) {
            current.stop();
        }
        StreamRunner runner = new StreamRunner(definition, clients, catalog, settings, threadBudget, Clock.systemUTC());
        runners.put(definition.name(), runner);
        runner.start();
    }

    @Override
    public synchronized void halt(String name) {
        StreamRunner runner = runners.remove(name);
        if (runner != null) {
            runner.stop();
            LOG.info("Stream {} stopped on node {}", name, settings.nodeId());
        }
    }

    @Override
    public void purge(StreamDefinition definition) {
        try {
            deleteGroup(StreamResources.groupId(definition.name()));
            List<String> deleted = new ArrayList<>();
            // Named in full, never found by prefix: another stream's names may start with this one's.
            for (String topic : StreamResources.internalTopics(definition.name())) {
                try {
                    topicAdmin.deleteTopic(topic);
                    deleted.add(topic);
                } catch (KafkaAdminException e) {
                    if (!"UNKNOWN_TOPIC".equals(e.errorCode())) {
                        throw e;
                    }
                }
            }
            LOG.info("Stream {}: purged its consumer group and topics {}", definition.name(), deleted);
        } catch (KafkaAdminException e) {
            throw new StreamingException("could not purge " + definition.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Deletes the stream's consumer group once it has no members left. A halted worker's consumer
     * leaves the group as it closes, but the coordinator may not have seen the leave yet, and a
     * member of a node that died stays until its session times out: the group is tried again until
     * then, plus a margin.
     */
    private void deleteGroup(String group) {
        long deadline = System.nanoTime() + settings.sessionTimeout().plusSeconds(30).toNanos();
        while (true) {
            try {
                topicAdmin.deleteConsumerGroup(group);
                return;
            } catch (KafkaAdminException e) {
                if (!"GROUP_NOT_EMPTY".equals(e.errorCode()) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(GROUP_DELETE_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StreamingException("interrupted while purging the consumer group " + group, e);
            }
        }
    }

    @Override
    public List<TaskStatus> tasks(String name) {
        StreamRunner runner = runners.get(name);
        return runner == null ? List.of() : runner.tasks();
    }

    @Override
    public Optional<StreamMetrics> metrics(String name) {
        StreamRunner runner = runners.get(name);
        return runner == null ? Optional.empty() : Optional.of(runner.metrics());
    }

    /** Called while the processor's service is being unregistered: streams using it must let go first. */
    private void processorRemoving(String name) {
        List<StreamRunner> affected = runners.values().stream()
                .filter(runner -> ProcessorCatalog.uses(runner.definition(), name)).toList();
        if (!affected.isEmpty()) {
            LOG.info("Processor {} is going away: {} streams commit and wait for it", name, affected.size());
            affected.parallelStream().forEach(runner -> runner.suspend(SUSPEND_TIMEOUT));
        }
    }
}
