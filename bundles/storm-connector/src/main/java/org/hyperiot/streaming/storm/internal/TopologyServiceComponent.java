package org.hyperiot.streaming.storm.internal;

import java.util.List;

import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.StormClusterStatus;
import org.hyperiot.streaming.api.storm.TopologyDetails;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.hyperiot.streaming.api.storm.TopologySummary;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Registers {@link NimbusTopologies} on the connector's connection as the {@link TopologyService}. */
@Component(service = TopologyService.class)
public class TopologyServiceComponent implements TopologyService {

    private final TopologyService topologies;

    @Activate
    public TopologyServiceComponent(@Reference StormConnection connection) {
        this.topologies = new NimbusTopologies(connection);
    }

    @Override
    public List<TopologySummary> list() {
        return topologies.list();
    }

    @Override
    public TopologyDetails details(String idOrName) {
        return topologies.details(idOrName);
    }

    @Override
    public void activate(String idOrName) {
        topologies.activate(idOrName);
    }

    @Override
    public void deactivate(String idOrName) {
        topologies.deactivate(idOrName);
    }

    @Override
    public void rebalance(String idOrName, RebalanceRequest request) {
        topologies.rebalance(idOrName, request);
    }

    @Override
    public void kill(String idOrName) {
        topologies.kill(idOrName);
    }

    @Override
    public void kill(String idOrName, int waitSeconds) {
        topologies.kill(idOrName, waitSeconds);
    }

    @Override
    public StormClusterStatus clusterStatus() {
        return topologies.clusterStatus();
    }
}
