package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code GET /openapi.json}: the OpenAPI 3 document of this API, public like {@code /health}. The
 * document is written by hand next to this class and served exactly as written; the build holds it
 * to the routes and roles the resource classes declare.
 */
@Component(service = OpenApiResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("openapi.json")
public class OpenApiResource {

    /** The document's name, next to this class in the bundle. */
    static final String DOCUMENT = "openapi.json";

    private final byte[] document = read();

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() {
        // Bytes, not a parsed tree: the JSON provider leaves byte[] to JAX-RS, so the file goes out untouched.
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static byte[] read() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("The bundle lacks " + DOCUMENT + " next to " + OpenApiResource.class);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + DOCUMENT, e);
        }
    }
}
