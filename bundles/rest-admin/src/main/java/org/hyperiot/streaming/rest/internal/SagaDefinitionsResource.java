package org.hyperiot.streaming.rest.internal;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaDefinitionFormat;
import org.hyperiot.streaming.api.saga.SagaDefinitionRegistry;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code /saga-definitions}: the saga definitions of the cluster through the coordinator's
 * {@link SagaDefinitionRegistry}, read and written in their JSON form (SPEC §8) by its
 * {@link SagaDefinitionFormat}, so that every problem in a definition comes back with its JSON
 * pointer. Names and bodies that cannot be right are refused before either service is needed.
 */
@Component(service = SagaDefinitionsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("saga-definitions")
public class SagaDefinitionsResource {

    // Optional and dynamic: without the saga coordinator the routes answer 503 instead of vanishing.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SagaDefinitionRegistry definitions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SagaDefinitionFormat format;

    /** For Declarative Services. */
    public SagaDefinitionsResource() {
    }

    SagaDefinitionsResource(SagaDefinitionRegistry definitions, SagaDefinitionFormat format) {
        this.definitions = definitions;
        this.format = format;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public List<JsonNode> list() {
        SagaDefinitionRegistry registry = registry();
        SagaDefinitionFormat json = format();
        return SagaCalls.call(registry::list).stream().map(definition -> SagaViews.definition(json, definition))
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response create(InputStream body, @Context UriInfo uri) {
        SagaDefinition definition = read(body);
        SagaDefinition stored = SagaCalls.call(() -> registry().create(definition));
        URI location = uri.getAbsolutePathBuilder().path(stored.name()).build();
        return Response.created(location).entity(SagaViews.definition(format(), stored)).build();
    }

    @POST
    @Path("validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public StreamViews.Validation validate(InputStream body) {
        byte[] json = SagaRequests.bytes(body);
        try {
            SagaRequests.requireJson(json);
        } catch (ApiException malformed) {
            // Not JSON at all is a verdict too, and one that needs no coordinator.
            return StreamViews.validation(List.of(new ValidationError("", malformed.problem().detail())));
        }
        SagaDefinitionFormat reader = format();
        SagaDefinitionRegistry registry = registry();
        List<ValidationError> errors;
        try {
            SagaDefinition definition = SagaCalls.call(() -> reader.read(new String(json, StandardCharsets.UTF_8)));
            // The registry's rules are the ones create and replace are held to, whatever the format checks.
            errors = SagaCalls.call(() -> registry.validate(definition));
        } catch (InvalidSagaDefinitionException e) {
            errors = e.errors();
        } catch (MalformedSagaDefinitionException e) {
            errors = List.of(new ValidationError("", JsonBodyProvider.withoutJavaNames(e.getMessage())));
        }
        return StreamViews.validation(errors);
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public JsonNode get(@PathParam("name") String name) {
        SagaRequests.requireDefinitionName(name);
        SagaDefinitionRegistry registry = registry();
        SagaDefinitionFormat json = format();
        return SagaViews.definition(json, SagaCalls.call(() -> registry.get(name)));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response update(@PathParam("name") String name, InputStream body) {
        SagaRequests.requireDefinitionName(name);
        SagaDefinition definition = read(body);
        if (!name.equals(definition.name())) {
            throw new ApiException(ProblemMapper.invalidSagaDefinition(List.of(new Problem.FieldError("/name",
                    "must be '" + name + "', the saga definition this request addresses; a definition cannot be "
                            + "renamed"))));
        }
        SagaDefinition stored = SagaCalls.call(() -> registry().update(definition));
        return Response.ok(SagaViews.definition(format(), stored)).build();
    }

    @DELETE
    @Path("{name}")
    @RequiresRole(Role.ADMIN)
    public Response delete(@PathParam("name") String name) {
        SagaRequests.requireDefinitionName(name);
        SagaDefinitionRegistry registry = registry();
        SagaCalls.run(() -> registry.delete(name));
        return Response.noContent().build();
    }

    /**
     * The definition in the body: within the limits and JSON (400) before the format is needed, then
     * read and validated by it (422 with pointers).
     */
    private SagaDefinition read(InputStream body) {
        byte[] json = SagaRequests.bytes(body);
        SagaRequests.requireJson(json);
        SagaDefinitionFormat reader = format();
        return SagaCalls.call(() -> reader.read(new String(json, StandardCharsets.UTF_8)));
    }

    private SagaDefinitionRegistry registry() {
        SagaDefinitionRegistry current = definitions;
        if (current == null) {
            throw SagaCalls.unavailable();
        }
        return current;
    }

    private SagaDefinitionFormat format() {
        SagaDefinitionFormat current = format;
        if (current == null) {
            throw SagaCalls.unavailable();
        }
        return current;
    }
}
