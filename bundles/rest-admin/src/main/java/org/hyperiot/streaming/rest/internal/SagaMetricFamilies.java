package org.hyperiot.streaming.rest.internal;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaMetrics;
import org.hyperiot.streaming.api.saga.SagaState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code hyperiot_saga_*} families: sagas by definition and state (cluster-wide, as this node's view
 * of the saga log has them), and what this node's coordinator did: commands, retries, compensations,
 * time-outs and step latency.
 */
final class SagaMetricFamilies {

    private static final Logger LOG = LoggerFactory.getLogger(SagaMetricFamilies.class);

    private SagaMetricFamilies() {
    }

    static void addTo(PrometheusExposition page, SagaCoordinator coordinator) {
        SagaMetrics m;
        try {
            m = coordinator.metrics();
        } catch (RuntimeException e) {
            LOG.debug("Could not read the saga metrics for /metrics", e);
            return;
        }
        PrometheusExposition.Family sagas = page.gauge("hyperiot_saga_sagas",
                "Sagas of each definition in each state, cluster-wide (every state listed, 0 included).");
        for (Map.Entry<String, Map<SagaState, Long>> definition : m.sagasByDefinition().entrySet()) {
            for (SagaState state : SagaState.values()) {
                sagas.add(definition.getValue().getOrDefault(state, 0L), "definition", definition.getKey(),
                        "state", state.name());
            }
        }
        page.counter("hyperiot_saga_commands_sent_total",
                "Commands (every attempt of actions and compensations) this node's coordinator sent.").add(m.commandsSent());
        page.counter("hyperiot_saga_retries_total", "Attempts of step actions after the first.").add(m.retries());
        page.counter("hyperiot_saga_compensations_sent_total", "Compensation attempts sent.").add(m.compensationsSent());
        page.counter("hyperiot_saga_timeouts_total", "Attempts this node's coordinator gave up waiting for.")
                .add(m.timeouts());
        page.counter("hyperiot_saga_steps_completed_total", "Step actions that succeeded.").add(m.stepsCompleted());
        PrometheusExposition.Family latency = page.gauge("hyperiot_saga_step_latency_seconds",
                "Time from a step's first command to its completion, by quantile; 0 before any.");
        latency.add(m.stepLatencyP50Ms() / 1000.0, "quantile", "0.5");
        latency.add(m.stepLatencyP99Ms() / 1000.0, "quantile", "0.99");
        page.gauge("hyperiot_saga_owned_partitions", "Partitions of the saga log this node's coordinator runs.")
                .add(m.ownedPartitions());
    }
}
