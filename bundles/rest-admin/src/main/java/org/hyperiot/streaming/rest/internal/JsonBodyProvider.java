package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.ext.MessageBodyReader;
import javax.ws.rs.ext.MessageBodyWriter;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsMediaType;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * JSON in and out for this application only, strict on input: unknown fields, trailing content and
 * wrong types are rejected with a problem that points at the offending field. (The Aries Jackson
 * extension binds only to the default application and is lenient.)
 */
@Component(service = {MessageBodyReader.class, MessageBodyWriter.class})
@JaxrsExtension
@JaxrsName(JsonBodyProvider.NAME)
// Satisfies the resources' @JSONRequired, which selects an extension advertising this media type.
@JaxrsMediaType(MediaType.APPLICATION_JSON)
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Consumes({MediaType.APPLICATION_JSON, "application/*+json"})
@Produces({MediaType.APPLICATION_JSON, "application/*+json"})
public class JsonBodyProvider implements MessageBodyReader<Object>, MessageBodyWriter<Object> {

    static final String NAME = "hyperiot.streaming.json";

    private static final List<Class<?>> LEFT_TO_JAX_RS =
            List.of(String.class, byte[].class, InputStream.class, StreamingOutput.class, Response.class);

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && LEFT_TO_JAX_RS.stream().noneMatch(t -> t.isAssignableFrom(type));
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        try {
            return mapper.readValue(entityStream, mapper.constructType(genericType));
        } catch (UnrecognizedPropertyException e) {
            throw invalidBody("Unknown field '" + e.getPropertyName() + "'", e);
        } catch (MismatchedInputException e) {
            throw invalidBody(e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            throw invalidBody(e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", e.getOriginalMessage());
        }
    }

    private static ApiException invalidBody(String message, JsonMappingException e) {
        String pointer = JsonPointers.of(e.getPath());
        Problem base = Problem.of(400, "INVALID_BODY", "Invalid request body", message);
        return new ApiException(new Problem(base.type(), base.title(), 400, message, base.code(),
                List.of(new Problem.FieldError(pointer, message))));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && LEFT_TO_JAX_RS.stream().noneMatch(t -> t.isAssignableFrom(type));
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        mapper.writeValue(entityStream, value);
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType == null
                || (mediaType.getType().equals("application")
                        && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json")));
    }
}
