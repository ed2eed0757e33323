package org.hyperiot.streaming.storm.internal;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

import org.hyperiot.streaming.api.storm.StormClusterStatus;

/** Lets tests of other packages run a {@link ClusterHealthCheck} once, without its schedule. */
public final class ClusterHealthCheckAccess {

    private final ClusterHealthCheck check;

    public ClusterHealthCheckAccess(NimbusGateway gateway, Clock clock, ScheduledExecutorService unusedScheduler) {
        this.check = new ClusterHealthCheck(gateway, clock, unusedScheduler);
    }

    public StormClusterStatus checkNow() {
        check.check();
        return check.status();
    }
}
