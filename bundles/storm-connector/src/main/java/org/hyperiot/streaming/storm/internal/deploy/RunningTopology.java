package org.hyperiot.streaming.storm.internal.deploy;

import org.hyperiot.streaming.api.storm.TopologyStatus;

/**
 * A topology Nimbus knows under a provider's name, with what the connector recorded in its
 * configuration when it submitted it (both {@code null} for a topology submitted otherwise).
 */
record RunningTopology(String id, String name, TopologyStatus status, String owner, String fingerprint) {

    boolean dying() {
        return status == TopologyStatus.KILLED;
    }
}
