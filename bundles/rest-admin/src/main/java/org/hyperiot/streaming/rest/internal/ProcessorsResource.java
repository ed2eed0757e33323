package org.hyperiot.streaming.rest.internal;

import java.util.List;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import org.hyperiot.streaming.api.StreamManager;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/** {@code GET /processors}: the custom processors and aggregators the stream runtime currently sees. */
@Component(service = ProcessorsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("processors")
public class ProcessorsResource {

    // Optional and dynamic, like the stream routes: 503 while the stream runtime is away.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StreamManager streams;

    /** For Declarative Services. */
    public ProcessorsResource() {
    }

    ProcessorsResource(StreamManager streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public List<StreamViews.Processor> list() {
        StreamManager current = streams;
        if (current == null) {
            throw StreamsResource.unavailable();
        }
        return current.processors().stream().map(StreamViews::processor).toList();
    }
}
