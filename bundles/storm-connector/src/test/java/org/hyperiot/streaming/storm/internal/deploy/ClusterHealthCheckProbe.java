package org.hyperiot.streaming.storm.internal.deploy;

import java.time.Clock;
import java.util.concurrent.Executors;

import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.storm.internal.ClusterHealthCheckAccess;
import org.hyperiot.streaming.storm.internal.NimbusGateway;

/** Runs the connector's cluster check on demand, on the test's thread. */
final class ClusterHealthCheckProbe {

    private final ClusterHealthCheckAccess check;

    ClusterHealthCheckProbe(NimbusGateway gateway) {
        this.check = new ClusterHealthCheckAccess(gateway, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor());
    }

    StormClusterStatus check() {
        return check.checkNow();
    }
}
