package org.hyperiot.streaming.example.saga.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the effects topic when it is missing, with the cluster's default partitions and replication:
 * the coordinator writes effect records with its replies and does not create topics, and a broker may
 * not create them on first use. The {@link KafkaTopicAdmin} (the Kafka connector's) is optional, so that
 * the bundle resolves and runs without Kafka: without it this component waits, and it checks the topic
 * each time an admin service arrives (the greedy static reference restarts the component then).
 *
 * <p>The check runs on a thread of its own, since every admin call may wait for Kafka for a while; while
 * Kafka cannot be reached it is tried again, waiting twice as long each time up to a minute, until it
 * succeeds or the component stops. The first failure is logged as a warning, the rest at debug level.
 * A topic deleted later is not created again until the component restarts.
 */
@Component(configurationPid = EffectsConfiguration.PID)
@Designate(ocd = EffectsConfiguration.class)
public class EffectsTopicCreator {

    private static final Logger LOG = LoggerFactory.getLogger(EffectsTopicCreator.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaTopicAdmin admin;
    private final String topic;
    private final Duration longestRetry;
    private final ScheduledExecutorService executor;
    // Only the executor's single thread touches these.
    private Duration nextRetry;
    private boolean warned;

    @Activate
    public EffectsTopicCreator(@Reference(name = "topicAdmin", cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) KafkaTopicAdmin admin,
            EffectsConfiguration configuration) {
        this(admin, new OrderEffects(configuration.effects_topic()).topic(), FIRST_RETRY, LONGEST_RETRY);
    }

    /**
     * @param admin the Kafka connector's admin, or {@code null} while there is none: then nothing is
     *              checked until a restart with one
     */
    EffectsTopicCreator(KafkaTopicAdmin admin, String topic, Duration firstRetry, Duration longestRetry) {
        this.admin = admin;
        this.topic = topic;
        this.nextRetry = firstRetry;
        this.longestRetry = longestRetry;
        if (admin == null) {
            LOG.debug("No KafkaTopicAdmin service: the effects topic {} is checked once the Kafka connector runs", topic);
            this.executor = null;
            return;
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "hyperiot-example-saga-effects-topic");
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::ensureTopic);
    }

    @Deactivate
    void deactivate() {
        if (executor != null) {
            // Interrupts a call waiting for Kafka, which then gives up with INTERRUPTED.
            executor.shutdownNow();
            awaitTermination(executor);
        }
    }

    private void ensureTopic() {
        try {
            if (admin.describeTopic(topic).isEmpty()) {
                admin.createTopic(topic, -1, (short) -1, Map.of());
                LOG.info("Created the effects topic {} of the example order saga", topic);
            } else if (warned) {
                LOG.info("The effects topic {} of the example order saga exists", topic);
            }
            return;
        } catch (KafkaAdminException e) {
            if ("TOPIC_EXISTS".equals(e.errorCode())) {
                return;
            }
            if ("INTERRUPTED".equals(e.errorCode()) || executor.isShutdown()) {
                return;
            }
            reportFailure(e.errorCode() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            reportFailure(e.toString());
        }
        try {
            executor.schedule(this::ensureTopic, nextRetry.toMillis(), TimeUnit.MILLISECONDS);
            nextRetry = min(nextRetry.multipliedBy(2), longestRetry);
        } catch (RejectedExecutionException stopped) {
            // Deactivated meanwhile.
        }
    }

    private void reportFailure(String reason) {
        String message = "Could not make sure that the effects topic " + topic + " of the example order saga exists "
                + "(effects written before it does will fail); trying again in " + nextRetry.toMillis() + " ms: "
                + reason;
        if (warned) {
            LOG.debug(message);
        } else {
            LOG.warn(message + " (further failures are logged at debug level)");
            warned = true;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void awaitTermination(ExecutorService executor) {
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("The effects topic check of the example order saga did not stop within {} ms", STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
