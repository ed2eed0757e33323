package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * JSON in and out for this application only, strict on input: bodies beyond {@link JsonInputLimits},
 * duplicate members, unknown fields, trailing content and wrong types are rejected with a problem
 * that points at the offending field and says what was expected in JSON terms, never naming a Java
 * type. (The Aries Jackson extension binds only to the default application and is lenient.)
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

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // {"name":"a","name":"__consumer_offsets"} must not mean whichever came last.
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public boolean isReadable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && LEFT_TO_JAX_RS.stream().noneMatch(t -> t.isAssignableFrom(type));
    }

    @Override
    public Object readFrom(Class<Object> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, String> httpHeaders, InputStream entityStream) throws IOException {
        // The entity stream is bounded by the authentication filter, so reading it whole is safe.
        return read(entityStream.readAllBytes(), genericType);
    }

    /**
     * Reads a whole body with this provider's rules, for resources that take the raw body (to give
     * an empty one a meaning of their own): the same limits, strictness and problems as an entity
     * parameter gets.
     */
    static Object read(byte[] body, Type genericType) {
        JsonInputLimits.check(body);
        try {
            return MAPPER.readValue(body, MAPPER.constructType(genericType));
        } catch (UnrecognizedPropertyException e) {
            throw invalidBody("Unknown field '" + e.getPropertyName() + "'", e);
        } catch (JsonMappingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")) {
                throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", "Content after the JSON value");
            }
            throw invalidBody(expected(genericType, e), e);
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", withoutJavaNames(e.getOriginalMessage()));
        } catch (IOException e) {
            // Reading from an array fails only on content, never on I/O.
            throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", "The body is not valid JSON");
        }
    }

    private static ApiException invalidBody(String message, JsonMappingException e) {
        String pointer = JsonPointers.of(e.getPath());
        Problem base = Problem.of(400, "INVALID_BODY", "Invalid request body", message);
        return new ApiException(new Problem(base.type(), base.title(), 400, message, base.code(),
                List.of(new Problem.FieldError(pointer, message))));
    }

    /** "expected an integer at /partitions": what the member at fault should have been, in JSON terms. */
    static String expected(Type root, JsonMappingException e) {
        String pointer = JsonPointers.of(e.getPath());
        Type target = typeAt(root, e.getPath());
        String where = pointer.isEmpty() ? "as the document" : "at " + pointer;
        String kind = target == null ? null : jsonKind(target);
        if (kind == null) {
            return "a value of the wrong type " + where;
        }
        String range = "";
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("out of range")) {
            range = target == Short.class || target == short.class ? " from -32768 to 32767"
                    : target == Long.class || target == long.class ? " that fits in 64 bits"
                    : " from -2147483648 to 2147483647";
        }
        return "expected " + kind + range + " " + where;
    }

    /** The declared type of the member at {@code path} below {@code root}, or null if it cannot be told. */
    private static Type typeAt(Type root, List<JsonMappingException.Reference> path) {
        Type current = root;
        for (JsonMappingException.Reference step : path) {
            Class<?> raw = raw(current);
            if (raw == null) {
                return null;
            }
            if (step.getFieldName() != null) {
                if (Map.class.isAssignableFrom(raw)) {
                    current = typeArgument(current, 1);
                } else {
                    current = memberType(raw, step.getFieldName());
                }
            } else if (raw.isArray()) {
                current = raw.getComponentType();
            } else if (Collection.class.isAssignableFrom(raw)) {
                current = typeArgument(current, 0);
            } else {
                return null;
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }

    private static Type memberType(Class<?> owner, String name) {
        if (owner.isRecord()) {
            for (RecordComponent component : owner.getRecordComponents()) {
                if (component.getName().equals(name)) {
                    return component.getGenericType();
                }
            }
            return null;
        }
        for (Class<?> c = owner; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name)) {
                    return field.getGenericType();
                }
            }
        }
        return null;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index
                ? parameterized.getActualTypeArguments()[index] : null;
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> c ? c : null;
    }

    /** The JSON kind of value a Java type reads from. */
    static String jsonKind(Type type) {
        Class<?> raw = raw(type);
        if (raw == null) {
            return null;
        }
        if (raw == String.class || raw == Character.class || raw == char.class || raw.isEnum()) {
            return "a string";
        }
        if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class
                || raw == Short.class || raw == short.class || raw == Byte.class || raw == byte.class
                || raw == java.math.BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(raw) || raw == double.class || raw == float.class) {
            return "a number";
        }
        if (raw == Boolean.class || raw == boolean.class) {
            return "true or false";
        }
        if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            return "an array";
        }
        return "an object";
    }

    /**
     * A parser message with anything that looks like a Java type name taken out: Jackson quotes
     * types in backticks ({@code `java.lang.Integer`}) and names bound classes after "bound as".
     */
    static String withoutJavaNames(String message) {
        if (message == null) {
            return "The body is not valid JSON";
        }
        return message.replaceAll("\\(bound as `[^`]*`\\)", "")
                .replaceAll("`[^`]*`", "a value")
                .replaceAll("\\b(?:java|javax|com|org)\\.[A-Za-z0-9_.$]+", "a value");
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return isJson(mediaType) && LEFT_TO_JAX_RS.stream().noneMatch(t -> t.isAssignableFrom(type));
    }

    @Override
    public void writeTo(Object value, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream) throws IOException {
        MAPPER.writeValue(entityStream, value);
    }

    private static boolean isJson(MediaType mediaType) {
        return mediaType == null
                || (mediaType.getType().equals("application")
                        && (mediaType.getSubtype().equals("json") || mediaType.getSubtype().endsWith("+json")));
    }
}
