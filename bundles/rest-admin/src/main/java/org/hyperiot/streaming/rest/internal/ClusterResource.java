package org.hyperiot.streaming.rest.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hyperiot.streaming.api.kafka.ClusterIdentity;
import org.hyperiot.streaming.api.kafka.ClusterMessaging;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /cluster}: this node's layer and id, the live nodes, the Kafka cluster and the Storm
 * cluster. The live node list comes from {@link ClusterMessaging} heartbeats when that service runs;
 * without it only this node is known. Storm is described from the Storm connector's last background
 * check ({@link StormHealth#cluster}), {@code NOT_INSTALLED} without the connector.
 */
@Component(service = ClusterResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("cluster")
public class ClusterResource {

    private final KafkaConnector connector;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ClusterMessaging messaging;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TopologyService storm;

    @Activate
    public ClusterResource(@Reference KafkaConnector connector) {
        this.connector = connector;
    }

    ClusterResource(KafkaConnector connector, TopologyService storm) {
        this.connector = connector;
        this.storm = storm;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public Map<String, Object> cluster() {
        ClusterIdentity identity = connector.identity();
        Map<String, Object> kafka = HealthResource.kafkaHealth(connector);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("layer", identity.layer());
        body.put("nodeId", identity.nodeId());
        body.put("nodes", liveNodes(identity));
        body.put("kafka", Map.of("status", kafka.get("status"),
                "clusterId", kafka.get("clusterId") == null ? "" : kafka.get("clusterId")));
        body.put("storm", StormHealth.cluster(storm));
        return body;
    }

    private List<Map<String, Object>> liveNodes(ClusterIdentity identity) {
        ClusterMessaging current = messaging;
        if (current == null) {
            return List.of(Map.of("nodeId", identity.nodeId(), "lastSeen", System.currentTimeMillis()));
        }
        return current.liveNodes().stream()
                .sorted(Comparator.comparing(ClusterMessaging.ClusterNode::nodeId))
                .map(node -> Map.<String, Object>of("nodeId", node.nodeId(), "lastSeen", node.lastSeenEpochMs()))
                .toList();
    }
}
