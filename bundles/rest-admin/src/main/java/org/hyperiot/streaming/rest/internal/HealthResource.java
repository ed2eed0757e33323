package org.hyperiot.streaming.rest.internal;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.SecurityContext;

import org.hyperiot.streaming.api.health.ComponentHealth;
import org.hyperiot.streaming.api.health.HealthContributor;
import org.hyperiot.streaming.api.kafka.KafkaClusterStatus;
import org.hyperiot.streaming.api.kafka.KafkaConnector;
import org.hyperiot.streaming.api.storm.TopologyProvider;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /health}: 200 UP when Karaf has started its boot features ({@link KarafBoot}), the
 * Kafka cluster answers, every {@link HealthContributor} registered on the node (the stream runtime,
 * for one) is up, and Storm is up wherever the node depends on it ({@link StormHealth}); 503 DOWN
 * otherwise. Anyone may ask; only viewers and above
 * see the components and their details. Nothing here calls Kafka or Nimbus: the connectors and the
 * contributors answer from what their background checks last found.
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

    // Dynamic and greedy: a bundle's contributor counts as soon as it is registered, and stops counting when it goes.
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<HealthContributor> contributors = List.of();

    // Optional and dynamic: a node without the Storm feature has no Storm component.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TopologyService storm;

    // Only the references, to count them: getting the services would activate the providers' components.
    @Reference(service = TopologyProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<ServiceReference<TopologyProvider>> topologyProviders = List.of();

    private volatile KarafBoot boot = KarafBoot.none();

    /** For Declarative Services. */
    public HealthResource() {
    }

    @Activate
    void activate(BundleContext context) {
        boot = KarafBoot.of(context);
    }

    HealthResource(KafkaConnector connector, List<HealthContributor> contributors) {
        this(connector, contributors, null, 0);
    }

    HealthResource(KafkaConnector connector, List<HealthContributor> contributors, KarafBoot boot) {
        this(connector, contributors, null, 0);
        this.boot = boot;
    }

    HealthResource(KafkaConnector connector, List<HealthContributor> contributors, TopologyService storm,
            int topologyProviders) {
        this.connector = connector;
        this.contributors = List.copyOf(contributors);
        this.storm = storm;
        this.topologyProviders = Collections.nCopies(topologyProviders, null);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health(@Context SecurityContext caller) {
        Map<String, Object> components = new LinkedHashMap<>();
        Map<String, Object> karaf = boot.component();
        if (karaf != null) {
            components.put(KarafBoot.COMPONENT, karaf);
        }
        components.put("kafka", kafkaHealth(connector));
        Map<String, Object> stormHealth = StormHealth.component(storm, topologyProviders.size());
        if (stormHealth != null) {
            components.put(StormHealth.COMPONENT, stormHealth);
        }
        contributors.stream().sorted(Comparator.comparing(HealthContributor::component))
                .forEach(contributor -> components.putIfAbsent(contributor.component(), contributorHealth(contributor)));
        boolean up = components.values().stream().allMatch(component -> StormHealth.allowsUp((Map<?, ?>) component));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        if (caller.isUserInRole("viewer")) {
            body.put("components", components);
        }
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Map<String, Object> contributorHealth(HealthContributor contributor) {
        Map<String, Object> component = new LinkedHashMap<>();
        ComponentHealth health;
        try {
            health = contributor.health();
        } catch (RuntimeException e) {
            component.put("status", "DOWN");
            component.put("error", "the component could not tell its health: " + e.getMessage());
            return component;
        }
        component.put("status", health.up() ? "UP" : "DOWN");
        if (health.error() != null) {
            component.put("error", health.error());
        }
        health.details().forEach(component::putIfAbsent);
        component.put("checkedAt", health.checkedAt().toString());
        return component;
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
