package org.hyperiot.streaming.api.storm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to rebalance a topology, as {@code POST /topologies/{id}/rebalance} takes it. Every field is
 * optional: a rebalance with none of them moves the executors over the same number of workers.
 *
 * @param waitSeconds seconds Nimbus deactivates the topology before moving it, so that tuples in
 *                    flight can complete; {@code null} takes the connector's default kill wait
 * @param workers     the new number of worker processes, {@code null} to keep it
 * @param executors   the new number of executors per component id; components not named keep theirs
 */
public record RebalanceRequest(Integer waitSeconds, Integer workers, Map<String, Integer> executors) {

    /**
     * Copies the executors, an absent map meaning none. Values are checked by
     * {@link TopologyService#rebalance}, which names what is wrong.
     */
    public RebalanceRequest {
        executors = executors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(executors));
    }
}
