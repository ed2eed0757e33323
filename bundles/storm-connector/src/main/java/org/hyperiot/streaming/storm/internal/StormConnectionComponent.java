package org.hyperiot.streaming.storm.internal;

import java.time.Clock;
import java.util.concurrent.Executors;

import org.apache.storm.utils.Utils;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Owns the {@link NimbusGateway} and the background {@link ClusterHealthCheck} for the configuration
 * of PID {@code org.hyperiot.streaming.storm}. A configuration change replaces both (and restarts the
 * components that use them). Activating never waits for Nimbus: an unreachable cluster is reported by
 * the health check, once.
 */
@Component(service = StormConnection.class, configurationPid = StormConnectionComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StormConnectorConfiguration.class)
public class StormConnectionComponent implements StormConnection {

    static final String PID = "org.hyperiot.streaming.storm";

    private final NimbusGateway gateway;
    private final ClusterHealthCheck health;

    @Activate
    public StormConnectionComponent(StormConnectorConfiguration configuration) throws Exception {
        // Storm's Utils reads its defaults once, through the TCCL, and stays broken if that fails: make
        // the first read happen here, with the right loader, before any provider touches Storm classes.
        StormClientLoader.call(Utils::readDefaultConfig);
        this.gateway = new NimbusGateway(ConnectorSettings.from(configuration));
        this.health = new ClusterHealthCheck(gateway, Clock.systemUTC(), Executors.newSingleThreadScheduledExecutor(
                runnable -> {
                    Thread thread = new Thread(runnable, "hyperiot-storm-health");
                    thread.setDaemon(true);
                    return thread;
                })).start();
    }

    @Deactivate
    void deactivate() {
        health.close();
        gateway.close();
    }

    @Override
    public NimbusGateway gateway() {
        return gateway;
    }

    @Override
    public StormClusterStatus clusterStatus() {
        return health.status();
    }
}
