package org.hyperiot.streaming.storm.internal.deploy;

import java.util.List;
import java.util.Map;

import org.apache.storm.generated.StormTopology;

/**
 * Everything one submission of a provider takes, read from the provider and checked: its
 * configuration as it will be submitted (with the owner and fingerprint), its jars on local disk,
 * the first being the topology jar.
 */
record PreparedTopology(String name, String owner, StormTopology topology, Map<String, Object> configuration,
        List<TopologyJar> jars, Map<String, String> credentials, String fingerprint) {

    PreparedTopology {
        configuration = Map.copyOf(configuration);
        jars = List.copyOf(jars);
        credentials = Map.copyOf(credentials);
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("a topology needs the jar that holds its spouts and bolts");
        }
    }
}
