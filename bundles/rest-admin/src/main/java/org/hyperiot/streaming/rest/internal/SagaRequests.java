package org.hyperiot.streaming.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.hyperiot.streaming.api.saga.SagaState;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * What the saga routes check before a saga service is asked: path parameters, query parameters, the
 * {@code Idempotency-Key} header and the start body. Every refusal is a 4xx with a stable code, so a
 * wrong request gets the same answer on a node with or without the saga coordinator.
 */
final class SagaRequests {

    /**
     * The names of saga definitions (and of steps and participants): the saga coordinator's rule
     * (SagaNames in bundles/saga-coordinator), copied so that this bundle does not depend on it.
     */
    private static final Pattern DEFINITION_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    /** Saga ids: UUIDs in practice; whatever the coordinator makes, it fits here. */
    private static final Pattern SAGA_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");
    /** Idempotency keys: printable ASCII without spaces. */
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
    /** Page tokens are the coordinator's own opaque strings; this only keeps junk from reaching it. */
    private static final Pattern PAGE_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,1000}");

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    /** The longest idempotency key, the coordinator's own bound. */
    static final int MAX_KEY_LENGTH = 200;

    private static final JsonFactory FACTORY = new JsonFactory()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SagaRequests() {
    }

    /** {@code {"definition":"order","input":{…}}}; {@code input} is optional. */
    public record StartBody(String definition, Map<String, Object> input) {
    }

    static boolean isDefinitionName(String name) {
        return name != null && DEFINITION_NAME.matcher(name).matches();
    }

    static void requireDefinitionName(String name) {
        if (!isDefinitionName(name)) {
            throw new ApiException(400, "INVALID_SAGA_DEFINITION_NAME", "Invalid saga definition name",
                    "A saga definition name is 1 to 63 characters of a-z, 0-9, '.', '_' and '-', starting with a "
                            + "letter or digit");
        }
    }

    static void requireSagaId(String id) {
        if (id == null || !SAGA_ID.matcher(id).matches()) {
            throw new ApiException(400, "INVALID_SAGA_ID", "Invalid saga id",
                    "A saga id is 1 to 200 characters of A-Z, a-z, 0-9, '.', '_', ':' and '-'");
        }
    }

    /** The header's key, or null without the header. */
    static String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        if (!IDEMPOTENCY_KEY.matcher(header).matches()) {
            throw new ApiException(400, "INVALID_IDEMPOTENCY_KEY", "Invalid Idempotency-Key",
                    "The Idempotency-Key header is 1 to " + MAX_KEY_LENGTH
                            + " printable ASCII characters without spaces");
        }
        return header;
    }

    /** The state to filter by, or null for any. */
    static SagaState state(String parameter) {
        if (parameter == null) {
            return null;
        }
        for (SagaState state : SagaState.values()) {
            if (state.name().equals(parameter)) {
                return state;
            }
        }
        throw invalidParameter("The query parameter state is one of " + Arrays.stream(SagaState.values())
                .map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** The definition to filter by, or null for any. */
    static String definitionFilter(String parameter) {
        if (parameter != null && !isDefinitionName(parameter)) {
            throw invalidParameter("The query parameter definition is a saga definition name: 1 to 63 characters "
                    + "of a-z, 0-9, '.', '_' and '-', starting with a letter or digit");
        }
        return parameter;
    }

    static int limit(String parameter) {
        if (parameter == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(parameter);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT || !parameter.equals(Integer.toString(limit))) {
            throw invalidParameter("The query parameter limit is an integer from 1 to " + MAX_LIMIT
                    + " (default " + DEFAULT_LIMIT + ")");
        }
        return limit;
    }

    static String pageToken(String parameter) {
        if (parameter != null && !PAGE_TOKEN.matcher(parameter).matches()) {
            throw invalidPageToken();
        }
        return parameter;
    }

    static ApiException invalidPageToken() {
        return new ApiException(400, "INVALID_PAGE_TOKEN", "Invalid page token",
                "The page token is not one this API gave for this filter; ask for the first page again");
    }

    /** The start body, read with the API's strict JSON rules, its definition name checked. */
    static StartBody start(byte[] json) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            throw requiredObject();
        }
        StartBody body = (StartBody) JsonBodyProvider.read(json, StartBody.class);
        if (body == null) {
            throw requiredObject();
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body.definition() == null) {
            errors.add(new Problem.FieldError("/definition", "the name of the saga definition to run is required"));
        } else if (!isDefinitionName(body.definition())) {
            errors.add(new Problem.FieldError("/definition", "a saga definition name: 1 to 63 characters of a-z, "
                    + "0-9, '.', '_' and '-', starting with a letter or digit"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The start request is invalid", errors);
        }
        return body;
    }

    private static ApiException requiredObject() {
        return new ApiException(400, "INVALID_BODY", "Invalid request body",
                "A JSON object is required: {\"definition\": \"<name>\", \"input\": {…}}");
    }

    /**
     * Refuses a body that is not one JSON value (400 {@code MALFORMED_JSON}) with a streaming pass,
     * so that a saga definition that is not JSON at all is refused whether or not the saga coordinator,
     * which reads definitions, is there.
     */
    static void requireJson(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() == null) {
                throw malformed("The body is empty; a JSON document is required");
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                throw malformed("Content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            throw malformed(JsonBodyProvider.withoutJavaNames(e.getOriginalMessage()) + location(e));
        } catch (IOException e) {
            throw malformed("The body is not valid JSON");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    static ApiException malformed(String detail) {
        return new ApiException(400, "MALFORMED_JSON", "Malformed JSON", detail);
    }

    private static ApiException invalidParameter(String detail) {
        return new ApiException(400, "INVALID_PARAMETER", "Invalid parameter", detail);
    }

    /**
     * The whole body, within the JSON input limits. The entity stream is the one the authentication
     * filter bounds, so a body over the limit ends here with its 413, which must not be caught on the way.
     */
    static byte[] bytes(InputStream body) {
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
}
