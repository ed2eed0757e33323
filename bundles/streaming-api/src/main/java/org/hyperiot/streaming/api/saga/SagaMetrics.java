package org.hyperiot.streaming.api.saga;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sagas of the cluster and this node's coordinator are doing, for monitoring.
 *
 * @param sagasByDefinition how many sagas of each definition are in each state, cluster-wide, as this
 *                          node's view of the saga log has them
 * @param commandsSent      commands (actions and compensations, every attempt) this node's coordinator sent
 * @param retries           of those, attempts after the first of an action
 * @param compensationsSent of those, compensation attempts
 * @param timeouts          attempts this node's coordinator gave up waiting for
 * @param stepsCompleted    step actions this node's coordinator saw succeed
 * @param stepLatencyP50Ms  median time from a step's first command to its completion, in ms; 0 before any
 * @param stepLatencyP99Ms  99th percentile of that time, in ms; 0 before any
 * @param ownedPartitions   how many partitions of the saga log this node's coordinator runs
 */
public record SagaMetrics(Map<String, Map<SagaState, Long>> sagasByDefinition, long commandsSent, long retries,
                          long compensationsSent, long timeouts, long stepsCompleted, long stepLatencyP50Ms,
                          long stepLatencyP99Ms, int ownedPartitions) {

    /** Keeps an unmodifiable copy of the counts, ordered by definition name. */
    public SagaMetrics {
        Map<String, Map<SagaState, Long>> copy = new TreeMap<>();
        if (sagasByDefinition != null) {
            sagasByDefinition.forEach((name, counts) -> {
                Map<SagaState, Long> states = new EnumMap<>(SagaState.class);
                states.putAll(counts);
                copy.put(name, java.util.Collections.unmodifiableMap(states));
            });
        }
        sagasByDefinition = java.util.Collections.unmodifiableMap(copy);
    }
}
