package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamDefinition;
import org.hyperiot.streaming.api.StreamManager;
import org.hyperiot.streaming.api.ValidationError;
import org.hyperiot.streaming.engine.definition.MalformedStreamDefinitionException;
import org.hyperiot.streaming.engine.definition.StreamDefinitionReader;
import org.hyperiot.streaming.engine.definition.StreamDefinitionWriter;
import org.hyperiot.streaming.engine.definition.StreamDefinitionValidator;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /streams}: define, control and observe streams through the {@link StreamManager}. Bodies
 * are taken raw and read by the engine's {@link StreamDefinitionReader}, so that every error in a
 * definition (unknown member, wrong type, broken rule) comes back with its JSON pointer. Names are
 * checked here before anything reaches the manager.
 */
@Component(service = StreamsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("streams")
public class StreamsResource {

    private static final StreamDefinitionReader READER = new StreamDefinitionReader();
    private static final StreamDefinitionWriter WRITER = new StreamDefinitionWriter();

    /**
     * Largest definition, as the runtime stores it (the writer's JSON), that is accepted. The runtime
     * keeps each definition as one record of its definitions topic, inside a small envelope (desired
     * state, generation, timestamps), and Kafka refuses records over 1 MiB by default: this leaves
     * 48 KiB for the envelope, the key and the record batch, so a definition accepted here is stored.
     */
    static final int MAX_STORED_DEFINITION_BYTES = 1024 * 1024 - 48 * 1024;

    // Optional and dynamic: without the stream runtime the routes answer 503 instead of vanishing.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StreamManager streams;

    /** For Declarative Services. */
    public StreamsResource() {
    }

    StreamsResource(StreamManager streams) {
        this.streams = streams;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public List<StreamViews.StreamItem> list() {
        return manager().list().stream().map(StreamViews::item).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response create(InputStream body, @Context UriInfo uri) {
        StreamManager manager = manager();
        StreamDefinition stored = manager.create(read(body));
        URI location = uri.getAbsolutePathBuilder().path(stored.name()).build();
        return Response.created(location).entity(StreamViews.definition(stored)).build();
    }

    @POST
    @Path("validate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public StreamViews.Validation validate(InputStream body) {
        // The reader's rules, the same create and update apply first; then, when the runtime is here,
        // what create would refuse of a valid definition (unregistered or, on Storm, non-portable processors).
        byte[] json = bytes(body);
        List<ValidationError> errors;
        try {
            StreamDefinition definition = READER.read(json);
            int stored = storedSize(definition);
            StreamManager current = streams;
            errors = stored > MAX_STORED_DEFINITION_BYTES ? List.of(new ValidationError("", tooLargeToStore(stored)))
                    : current == null ? List.of() : current.refusals(definition);
        } catch (InvalidStreamDefinitionException e) {
            errors = e.errors();
        } catch (MalformedStreamDefinitionException e) {
            errors = List.of(new ValidationError("", JsonBodyProvider.withoutJavaNames(e.getMessage())));
        }
        return StreamViews.validation(errors);
    }

    @GET
    @Path("{name}")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public StreamViews.StreamDocument get(@PathParam("name") String name) {
        requireStreamName(name);
        StreamManager manager = manager();
        StreamDefinition definition = manager.get(name);
        return new StreamViews.StreamDocument(StreamViews.definition(definition),
                StreamViews.status(manager.status(name)));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response update(@PathParam("name") String name, InputStream body) {
        requireStreamName(name);
        StreamManager manager = manager();
        StreamDefinition definition = read(body);
        if (!definition.name().equals(name)) {
            throw new ApiException(ProblemMapper.invalidDefinition(List.of(new Problem.FieldError("/name",
                    "must be '" + name + "', the stream this request addresses; a stream cannot be renamed"))));
        }
        return Response.ok(StreamViews.definition(manager.update(definition))).build();
    }

    @DELETE
    @Path("{name}")
    @RequiresRole(Role.ADMIN)
    public Response delete(@PathParam("name") String name, @QueryParam("purgeState") String purgeState) {
        requireStreamName(name);
        boolean purge = flag("purgeState", purgeState);
        manager().delete(name, purge);
        return Response.noContent().build();
    }

    @POST
    @Path("{name}/start")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response start(@PathParam("name") String name) {
        return control(name, manager -> manager.start(name));
    }

    @POST
    @Path("{name}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response stop(@PathParam("name") String name) {
        return control(name, manager -> manager.stop(name));
    }

    @POST
    @Path("{name}/restart")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.MANAGER)
    public Response restart(@PathParam("name") String name) {
        return control(name, manager -> manager.restart(name));
    }

    @GET
    @Path("{name}/status")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public StreamViews.Status status(@PathParam("name") String name) {
        requireStreamName(name);
        return StreamViews.status(manager().status(name));
    }

    @GET
    @Path("{name}/metrics")
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public StreamViews.Metrics metrics(@PathParam("name") String name) {
        requireStreamName(name);
        return StreamViews.metrics(manager().metrics(name));
    }

    /** Start, stop and restart only record the request: 202 with the status as it is right after. */
    private Response control(String name, Consumer<StreamManager> action) {
        requireStreamName(name);
        StreamManager manager = manager();
        action.accept(manager);
        return Response.accepted(StreamViews.status(manager.status(name))).build();
    }

    private StreamManager manager() {
        StreamManager current = streams;
        if (current == null) {
            throw unavailable();
        }
        return current;
    }

    static ApiException unavailable() {
        return new ApiException(503, "STREAMS_UNAVAILABLE", "Streams unavailable",
                "The stream runtime is not running; install the feature hyperiot-streaming-runtime");
    }

    /** No stream can have a name outside the rule, so such a name is simply not found. */
    static void requireStreamName(String name) {
        if (!StreamDefinitionValidator.isStreamName(name)) {
            throw new ApiException(404, "STREAM_NOT_FOUND", "Unknown stream", "No stream can have that name");
        }
    }

    /** The definition in the body, refused with 413 if the runtime could not store it. */
    private static StreamDefinition read(InputStream body) {
        StreamDefinition definition;
        try {
            definition = READER.read(bytes(body));
        } catch (MalformedStreamDefinitionException e) {
            throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", JsonBodyProvider.withoutJavaNames(e.getMessage()));
        }
        int stored = storedSize(definition);
        if (stored > MAX_STORED_DEFINITION_BYTES) {
            throw new ApiException(413, "DEFINITION_TOO_LARGE", "Definition too large to store", tooLargeToStore(stored));
        }
        return definition;
    }

    /** Bytes of the definition as the runtime writes it: defaults written out, whitespace and escapes its own. */
    static int storedSize(StreamDefinition definition) {
        return WRITER.write(definition).getBytes(StandardCharsets.UTF_8).length;
    }

    private static String tooLargeToStore(int stored) {
        return "the definition takes " + stored + " bytes as stored, more than the " + MAX_STORED_DEFINITION_BYTES
                + " bytes a definition may take in the definitions topic; make descriptions, set values or "
                + "processor configurations smaller";
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
            byte[] json = body.readAllBytes();
            JsonInputLimits.check(json);
            return json;
        } catch (IOException e) {
            throw new ApiException(400, "BAD_REQUEST", "Bad request", "The request body could not be read");
        }
    }

    private static boolean flag(String parameter, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new ApiException(400, "INVALID_PARAMETER", "Invalid parameter",
                "The query parameter " + parameter + " is true or false");
    }
}
