package org.hyperiot.streaming.rest.internal;

import java.util.List;
import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;
import javax.ws.rs.ext.ExceptionMapper;

import org.hyperiot.streaming.api.InvalidStreamDefinitionException;
import org.hyperiot.streaming.api.StreamExistsException;
import org.hyperiot.streaming.api.StreamLimitReachedException;
import org.hyperiot.streaming.api.StreamNotFoundException;
import org.hyperiot.streaming.api.StreamingException;
import org.hyperiot.streaming.api.StreamsUnavailableException;
import org.hyperiot.streaming.api.kafka.KafkaAdminException;
import org.hyperiot.streaming.api.saga.IllegalSagaStateException;
import org.hyperiot.streaming.api.saga.InvalidSagaDefinitionException;
import org.hyperiot.streaming.api.saga.MalformedSagaDefinitionException;
import org.hyperiot.streaming.api.saga.SagaDefinitionExistsException;
import org.hyperiot.streaming.api.saga.SagaDefinitionNotFoundException;
import org.hyperiot.streaming.api.saga.SagaNotFoundException;
import org.hyperiot.streaming.api.storm.StormException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsExtension;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into an RFC 7807 body. Unexpected exceptions become a 500 whose detail is
 * only an incident id: the stack trace goes to the log, never to the client.
 */
@Component(service = ExceptionMapper.class)
@JaxrsExtension
@JaxrsName(ProblemMapper.NAME)
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
public class ProblemMapper implements ExceptionMapper<Throwable> {

    static final String NAME = "hyperiot.streaming.problems";

    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof ApiException api) {
            return response(api.problem());
        }
        if (error instanceof KafkaAdminException kafka) {
            return response(fromKafka(kafka));
        }
        if (error instanceof StreamingException streaming) {
            return response(fromStreaming(streaming));
        }
        if (error instanceof StormException storm) {
            return response(fromStorm(storm));
        }
        if (error instanceof WebApplicationException web) {
            return response(fromStatus(web.getResponse().getStatus(), web.getMessage()));
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Request failed unexpectedly (incident {})", incident, error);
        return response(Problem.of(500, "INTERNAL_ERROR", "Internal error",
                "The request failed unexpectedly; the server log names incident " + incident));
    }

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static Problem fromKafka(KafkaAdminException error) {
        int status = switch (error.errorCode()) {
            case "TOPIC_EXISTS" -> 409;
            case "UNKNOWN_TOPIC" -> 404;
            case "INVALID_TOPIC", "INVALID_PARTITIONS", "INVALID_REPLICATION_FACTOR", "INVALID_CONFIG",
                    "POLICY_VIOLATION", "SECURITY_DISABLED" -> 422;
            case "KAFKA_UNAVAILABLE" -> 503;
            default -> 502;
        };
        return Problem.of(status, error.errorCode(), "Kafka refused the request", error.getMessage());
    }

    /**
     * Storm's stable codes, kept as they are. Nimbus refusing the connector's own identity
     * ({@code NOT_AUTHORIZED}) is the node's configuration at fault, not the caller's role, so it is a
     * 502 like any other failure of Storm's, never a 403.
     */
    static Problem fromStorm(StormException error) {
        String code = error.errorCode() == null ? StormException.STORM_ERROR : error.errorCode();
        String detail = StormDetails.forClient(error.getMessage());
        return switch (code) {
            case StormException.UNKNOWN_TOPOLOGY -> Problem.of(404, code, "Unknown topology", detail);
            case StormException.ALREADY_ALIVE -> Problem.of(409, code, "Topology already alive", detail);
            case StormException.INVALID_TOPOLOGY -> Problem.of(422, code, "Invalid topology", detail);
            case StormException.INVALID_REQUEST -> Problem.of(422, code, "Invalid request", detail);
            case StormException.NIMBUS_UNAVAILABLE -> Problem.of(503, code, "Nimbus unavailable", detail);
            case StormException.INTERRUPTED -> Problem.of(503, code, "Interrupted", detail);
            case StormException.NOT_AUTHORIZED -> Problem.of(502, code, "Storm refused the connector", detail);
            default -> {
                LOG.warn("Storm failed a request", error);
                yield Problem.of(502, code, "Storm failed the request", detail);
            }
        };
    }

    private static Problem fromStreaming(StreamingException error) {
        if (error instanceof StreamNotFoundException) {
            return Problem.of(404, "STREAM_NOT_FOUND", "Unknown stream", error.getMessage());
        }
        if (error instanceof StreamExistsException) {
            return Problem.of(409, "STREAM_EXISTS", "Stream exists", error.getMessage());
        }
        if (error instanceof StreamLimitReachedException) {
            return Problem.of(409, "STREAM_LIMIT_REACHED", "Stream limit reached", error.getMessage());
        }
        if (error instanceof InvalidStreamDefinitionException invalid) {
            return invalidDefinition(StreamViews.fieldErrors(invalid.errors()));
        }
        Problem saga = fromSaga(error);
        if (saga != null) {
            return saga;
        }
        if (error instanceof StreamsUnavailableException) {
            // An operator's problem on this node (an unfit internal topic, say), already logged by the runtime.
            return Problem.of(503, "STREAMS_UNAVAILABLE", "Streams unavailable", error.getMessage());
        }
        // The runtime could not carry out a valid request (Kafka unreachable, for one); its message is for users.
        LOG.warn("The stream runtime failed a request", error);
        return Problem.of(502, "STREAM_RUNTIME_ERROR", "The stream runtime failed", error.getMessage());
    }

    /** The saga services' refusals, or null for an exception that is not one of them. */
    private static Problem fromSaga(StreamingException error) {
        if (error instanceof SagaNotFoundException) {
            return Problem.of(404, "SAGA_NOT_FOUND", "Unknown saga", error.getMessage());
        }
        if (error instanceof SagaDefinitionNotFoundException) {
            return Problem.of(404, "SAGA_DEFINITION_NOT_FOUND", "Unknown saga definition", error.getMessage());
        }
        if (error instanceof SagaDefinitionExistsException) {
            return Problem.of(409, "SAGA_DEFINITION_EXISTS", "Saga definition exists", error.getMessage());
        }
        if (error instanceof IllegalSagaStateException) {
            return Problem.of(409, "ILLEGAL_SAGA_STATE", "Not in this saga state", error.getMessage());
        }
        if (error instanceof InvalidSagaDefinitionException invalid) {
            return invalidSagaDefinition(StreamViews.fieldErrors(invalid.errors()));
        }
        if (error instanceof MalformedSagaDefinitionException) {
            return Problem.of(400, "MALFORMED_JSON", "Malformed JSON", JsonBodyProvider.withoutJavaNames(error.getMessage()));
        }
        return null;
    }

    /** 422 {@code INVALID_SAGA_DEFINITION}: what is wrong with a saga definition, by JSON pointer. */
    static Problem invalidSagaDefinition(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? "The saga definition has 1 error; see errors"
                : "The saga definition has " + errors.size() + " errors; see errors";
        Problem base = Problem.of(422, "INVALID_SAGA_DEFINITION", "Invalid saga definition", detail);
        return new Problem(base.type(), base.title(), base.status(), detail, base.code(), List.copyOf(errors));
    }

    /** 422 {@code INVALID_DEFINITION}: what is wrong with a stream definition, by JSON pointer. */
    static Problem invalidDefinition(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? "The stream definition has 1 error; see errors"
                : "The stream definition has " + errors.size() + " errors; see errors";
        Problem base = Problem.of(422, "INVALID_DEFINITION", "Invalid stream definition", detail);
        return new Problem(base.type(), base.title(), base.status(), detail, base.code(), List.copyOf(errors));
    }

    private static Problem fromStatus(int status, String message) {
        return switch (status) {
            case 400 -> Problem.of(400, "BAD_REQUEST", "Bad request", message);
            case 404 -> Problem.of(404, "NOT_FOUND", "Not found", "No such resource");
            case 405 -> Problem.of(405, "METHOD_NOT_ALLOWED", "Method not allowed", message);
            case 406 -> Problem.of(406, "NOT_ACCEPTABLE", "Not acceptable", "The API produces application/json");
            case 415 -> Problem.of(415, "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type",
                    "The API consumes application/json");
            default -> Problem.of(status, "HTTP_" + status, Response.Status.fromStatusCode(status) == null
                    ? "HTTP " + status : Response.Status.fromStatusCode(status).getReasonPhrase(), message);
        };
    }
}
