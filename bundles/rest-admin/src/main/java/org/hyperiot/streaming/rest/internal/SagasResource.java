package org.hyperiot.streaming.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.HeaderParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.saga.SagaCoordinator;
import org.hyperiot.streaming.api.saga.SagaFilter;
import org.hyperiot.streaming.api.saga.SagaPage;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.StartedSaga;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /sagas}: sagas through the {@link SagaCoordinator}, listed and described (viewer), started,
 * cancelled, retried and skipped (manager). Each request is checked in full (ids, query parameters,
 * the {@code Idempotency-Key} header, the body) before the coordinator is needed, so a node without
 * it still answers a wrong request with its 4xx and a right one with 503 {@code SAGA_UNAVAILABLE}.
 */
@Component(service = SagasResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("sagas")
public class SagasResource {

    /** The header that makes a start safe to repeat (SPEC §8). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    // Optional and dynamic: without the saga coordinator the routes answer 503 instead of vanishing.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SagaCoordinator sagas;

    /** For Declarative Services. */
    public SagasResource() {
    }

    SagasResource(SagaCoordinator sagas) {
        this.sagas = sagas;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public SagaViews.Page list(@QueryParam("state") String state, @QueryParam("definition") String definition,
            @QueryParam("pageToken") String pageToken, @QueryParam("limit") String limit) {
        SagaState wanted = SagaRequests.state(state);
        String ofDefinition = SagaRequests.definitionFilter(definition);
        String token = SagaRequests.pageToken(pageToken);
        int size = SagaRequests.limit(limit);
        SagaFilter filter = SagaFilter.all().withState(wanted).withDefinition(ofDefinition);
        SagaCoordinator coordinator = coordinator();
        SagaPage page;
        try {
            page = SagaCalls.call(() -> coordinator.list(filter, token, size));
        } catch (IllegalArgumentException e) {
            // The limit was checked above: what the coordinator refuses is the token.
            throw SagaRequests.invalidPageToken();
        }
        return SagaViews.page(page);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response start(InputStream body, @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
            @Context UriInfo uri) {
        String key = SagaRequests.idempotencyKey(idempotencyKey);
        SagaRequests.StartBody request = SagaRequests.start(SagaRequests.bytes(body));
        SagaCoordinator coordinator = coordinator();
        StartedSaga started;
        try {
            started = SagaCalls.call(() -> coordinator.start(request.definition(), request.input(), key));
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("The start request is invalid", List.of(new Problem.FieldError("/input",
                    JsonBodyProvider.withoutJavaNames(e.getMessage()))));
        }
        SagaViews.Saga saga = SagaViews.saga(started.saga());
        URI location = uri.getAbsolutePathBuilder().path(saga.id()).build();
        // 200, not 201, when an earlier request with the same key started it: nothing was created now.
        Response.ResponseBuilder response = started.created() ? Response.created(location) : Response.ok();
        return response.location(location).entity(saga).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public SagaViews.Saga get(@PathParam("id") String id) {
        SagaRequests.requireSagaId(id);
        SagaCoordinator coordinator = coordinator();
        return SagaViews.saga(SagaCalls.call(() -> coordinator.get(id)));
    }

    @POST
    @Path("{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response cancel(@PathParam("id") String id, @Context UriInfo uri) {
        return request(id, "cancel", coordinator -> coordinator.cancel(id), uri);
    }

    @POST
    @Path("{id}/retry")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response retry(@PathParam("id") String id, @Context UriInfo uri) {
        return request(id, "retry", coordinator -> coordinator.retry(id), uri);
    }

    @POST
    @Path("{id}/skip")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response skip(@PathParam("id") String id, @Context UriInfo uri) {
        return request(id, "skip", coordinator -> coordinator.skip(id), uri);
    }

    /**
     * Cancel, retry and skip only record the request: 202, with the saga as {@code Location}, whose
     * history shows when it took effect.
     */
    private Response request(String id, String action, Consumer<SagaCoordinator> call, UriInfo uri) {
        SagaRequests.requireSagaId(id);
        SagaCoordinator coordinator = coordinator();
        SagaCalls.run(() -> call.accept(coordinator));
        URI saga = uri == null ? null : uri.getBaseUriBuilder().path("sagas").path(id).build();
        Response.ResponseBuilder response = Response.accepted(new SagaViews.Accepted(id, action));
        return (saga == null ? response : response.location(saga)).build();
    }

    private SagaCoordinator coordinator() {
        SagaCoordinator current = sagas;
        if (current == null) {
            throw SagaCalls.unavailable();
        }
        return current;
    }
}
