package org.hyperiot.streaming.rest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /health}: 200 UP when the Kafka cluster answers, 503 DOWN otherwise. Anyone may ask;
 * only viewers and above see the components and their details.
 */
@Component(service = HealthResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("health")
public class HealthResource {

    // Optional and dynamic: health must answer DOWN, not disappear, while the connector is away.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile KafkaConnector connector;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@Context SecurityContext caller) {
        Map<String, Object> kafka = kafkaHealth(connector);
        boolean up = "UP".equals(kafka.get("status"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (caller.isUserInRole("viewer")) {
            body.put("components", Map.of("kafka", kafka));
        }
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    static Map<String, Object> kafkaHealth(KafkaConnector kafkaConnector) {
        Map<String, Object> kafka = new LinkedHashMap<>();
        if (kafkaConnector == null) {
            kafka.put("status", "DOWN");
            kafka.put("error", "The Kafka connector is not running; check its configuration (org.hyperiot.streaming.kafka)");
            return kafka;
        }
        KafkaClusterStatus status = kafkaConnector.clusterStatus();
        kafka.put("status", status.reachable() ? "UP" : "DOWN");
        kafka.put("clusterId", status.clusterId());
        kafka.put("brokers", status.brokers());
        kafka.put("bootstrapServers", status.bootstrapServers());
        if (status.error() != null) {
            kafka.put("error", status.error());
        }
        kafka.put("checkedAt", status.checkedAt().toString());
        return kafka;
    }
}
