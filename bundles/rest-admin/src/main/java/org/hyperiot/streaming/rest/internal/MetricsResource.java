package org.hyperiot.streaming.rest.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Response;

import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /metrics}: the streams' counters and the JVM's in the Prometheus text format, for a
 * Prometheus server to scrape with viewer credentials. Without the stream runtime the page still
 * answers, with the JVM families only.
 */
@Component(service = MetricsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("metrics")
public class MetricsResource {

    // Optional and dynamic: the node stays observable while the stream runtime is away.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StreamManager streams;

    // Optional and dynamic: a node without the saga feature has no saga families.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SagaCoordinator sagas;

    /** For Declarative Services. */
    public MetricsResource() {
    }

    MetricsResource(StreamManager streams) {
        this.streams = streams;
    }

    MetricsResource(StreamManager streams, SagaCoordinator sagas) {
        this.streams = streams;
        this.sagas = sagas;
    }

    @GET
    @Produces(PrometheusExposition.CONTENT_TYPE)
    @RequiresRole(Role.VIEWER)
    public Response metrics() {
        PrometheusExposition page = new PrometheusExposition();
        StreamManager current = streams;
        if (current != null) {
            StreamMetricFamilies.addTo(page, current);
        }
        SagaCoordinator coordinator = sagas;
        if (coordinator != null) {
            SagaMetricFamilies.addTo(page, coordinator);
        }
        JvmMetricFamilies.addTo(page);
        return Response.ok(page.text(), PrometheusExposition.CONTENT_TYPE).build();
    }
}
