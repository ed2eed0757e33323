package org.hyperiot.streaming.rest.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriBuilder;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls a resource method the way the JAX-RS runtime would finish it: a returned entity becomes a
 * 200, an exception goes through {@link ProblemMapper}, and the body is written by the API's own
 * {@link JsonBodyProvider}, so tests see the JSON a client would. (Filters are not applied.)
 */
final class Exchange {

    /** What the client receives. */
    record Reply(int status, MultivaluedMap<String, Object> headers, JsonNode body) {

        String code() {
            return body.path("code").asText(null);
        }

        Object header(String name) {
            return headers.getFirst(name);
        }
    }

    static final String STREAMS_URI = "http://127.0.0.1:8181/streaming/api/v1/streams";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Exchange() {
    }

    static Reply call(Callable<?> route) {
        Response response;
        try {
            Object result = route.call();
            response = result instanceof Response r ? r : Response.ok(result).build();
        } catch (Exception e) {
            response = new ProblemMapper().toResponse(e);
        }
        return new Reply(response.getStatus(), response.getMetadata(), render(response.getEntity()));
    }

    static InputStream json(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A request URI as JAX-RS gives it to a resource; only the absolute path is available. */
    static UriInfo uri(String absolutePath) {
        return (UriInfo) Proxy.newProxyInstance(Exchange.class.getClassLoader(), new Class<?>[] {UriInfo.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAbsolutePath" -> URI.create(absolutePath);
                    case "getAbsolutePathBuilder" -> UriBuilder.fromUri(absolutePath);
                    default -> throw new UnsupportedOperationException("UriInfo." + method.getName());
                });
    }

    /** An instance of a configuration annotation with every attribute at its default. */
    static <A> A defaults(Class<A> configuration) {
        return configuration.cast(Proxy.newProxyInstance(configuration.getClassLoader(),
                new Class<?>[] {configuration}, (proxy, method, args) -> method.getDefaultValue()));
    }

    private static JsonNode render(Object entity) {
        if (entity == null) {
            return MAPPER.missingNode();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new JsonBodyProvider().writeTo(entity, entity.getClass(), entity.getClass(), new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, new MultivaluedHashMap<>(), out);
            return MAPPER.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
