package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.TopologyService;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /topologies}: the Storm cluster's topologies through the Storm connector's
 * {@link TopologyService}, listed and described (viewer), activated, deactivated, rebalanced and
 * killed (manager). Each request is checked in full (the id, then the body) before the connector is
 * needed, so a node without Storm still answers a wrong request with its 4xx and a right one with
 * 503 {@code STORM_UNAVAILABLE}.
 */
@Component(service = TopologiesResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("topologies")
public class TopologiesResource {

    /**
     * What a topology id or name can be: the Storm connector's own rule (Storm's names without
     * {@code / . : \}, narrowed to characters that are safe in paths, keys and logs; an id is the
     * name followed by {@code -<counter>-<epoch seconds>}).
     */
    private static final Pattern ID_OR_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,199}");

    // Optional and dynamic: without the Storm feature the routes answer 503 instead of vanishing.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TopologyService topologies;

    /** For Declarative Services. */
    public TopologiesResource() {
    }

    TopologiesResource(TopologyService topologies) {
        this.topologies = topologies;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public List<TopologyViews.Item> list() {
        return service().list().stream().map(TopologyViews::item).toList();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public TopologyViews.Details get(@PathParam("id") String id) {
        requireIdOrName(id);
        return TopologyViews.details(service().details(id));
    }

    @POST
    @Path("{id}/activate")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response activate(@PathParam("id") String id, @Context UriInfo uri) {
        requireIdOrName(id);
        service().activate(id);
        return accepted(uri, id, new TopologyViews.Accepted(id, "activate", null, null, null));
    }

    @POST
    @Path("{id}/deactivate")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response deactivate(@PathParam("id") String id, @Context UriInfo uri) {
        requireIdOrName(id);
        service().deactivate(id);
        return accepted(uri, id, new TopologyViews.Accepted(id, "deactivate", null, null, null));
    }

    @POST
    @Path("{id}/rebalance")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response rebalance(@PathParam("id") String id, InputStream body, @Context UriInfo uri) {
        requireIdOrName(id);
        RebalanceRequest request = TopologyControlRequests.rebalance(bytes(body));
        service().rebalance(id, request);
        return accepted(uri, id, new TopologyViews.Accepted(id, "rebalance", request.waitSeconds(), request.workers(),
                request.executors().isEmpty() ? null : request.executors()));
    }

    @POST
    @Path("{id}/kill")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response kill(@PathParam("id") String id, InputStream body, @Context UriInfo uri) {
        requireIdOrName(id);
        Integer waitSeconds = TopologyControlRequests.killWait(bytes(body));
        TopologyService service = service();
        if (waitSeconds == null) {
            service.kill(id);
        } else {
            service.kill(id, waitSeconds);
        }
        return accepted(uri, id, new TopologyViews.Accepted(id, "kill", waitSeconds, null, null));
    }

    /**
     * 202: Nimbus took the request and carries it out after its wait. {@code Location} is the
     * topology, where its status shows the change.
     */
    private static Response accepted(UriInfo uri, String id, TopologyViews.Accepted body) {
        URI topology = uri == null ? null : uri.getBaseUriBuilder().path("topologies").path(id).build();
        Response.ResponseBuilder response = Response.accepted(body);
        return (topology == null ? response : response.location(topology)).build();
    }

    private TopologyService service() {
        TopologyService current = topologies;
        if (current == null) {
            throw unavailable();
        }
        return current;
    }

    static ApiException unavailable() {
        return new ApiException(503, "STORM_UNAVAILABLE", "Storm unavailable",
                "The Storm connector is not running on this node; install the feature hyperiot-streaming-storm "
                        + "(and check its configuration, org.hyperiot.streaming.storm)");
    }

    /** No topology can have an id or name outside the rule, so such a one is simply not found. */
    static void requireIdOrName(String id) {
        if (id == null || !ID_OR_NAME.matcher(id).matches()) {
            throw new ApiException(404, "UNKNOWN_TOPOLOGY", "Unknown topology", "No topology can have that id or name");
        }
    }

    /**
     * The whole body. The entity stream is the one the authentication filter bounds, so a body over
     * the limit ends here with its 413, which must not be caught on the way.
     */
    private static byte[] bytes(InputStream body) {
        if (body == null) {
            return new byte[0];
        }
        try {
            return body.readAllBytes();
        } catch (IOException e) {
            throw new ApiException(400, "BAD_REQUEST", "Bad request", "The request body could not be read");
        }
    }
}
