package org.hyperiot.streaming.rest.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin;
import org.hyperiot.streaming.api.kafka.KafkaTopicAdmin.TopicDescription;
import org.hyperiot.streaming.engine.definition.DefinitionLimits;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsApplicationSelect;
import org.osgi.service.jaxrs.whiteboard.propertytypes.JaxrsResource;

/**
 * {@code /kafka/topics}: list (viewer), create and delete (admin) topics of the platform's cluster.
 * Kafka's internal topics and the platform's own (the same set a stream may not write to) can be
 * listed but never created or deleted here: 403 {@code TOPIC_PROTECTED}.
 */
@Component(service = TopicsResource.class)
@JaxrsResource
@JSONRequired
@JaxrsApplicationSelect(StreamingApiApplication.SELECT)
@Path("kafka/topics")
public class TopicsResource {

    /** Kafka's own rule for topic names. */
    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private final KafkaTopicAdmin admin;

    @Activate
    public TopicsResource(@Reference KafkaTopicAdmin admin) {
        this.admin = admin;
    }

    /** The body of {@code POST /kafka/topics}; absent partitions or replication take the cluster's defaults. */
    public record NewTopicRequest(String name, Integer partitions, Integer replicationFactor,
            Map<String, String> configs) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.VIEWER)
    public List<TopicDescription> list() {
        return admin.listTopics();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RequiresRole(Role.ADMIN)
    public Response create(NewTopicRequest request, @Context UriInfo uri) {
        if (request != null && isTopicName(request.name())) {
            requireUnprotected(request.name(), "created");
        }
        validate(request);
        admin.createTopic(request.name(), request.partitions() == null ? -1 : request.partitions(),
                request.replicationFactor() == null ? (short) -1 : request.replicationFactor().shortValue(),
                request.configs() == null ? Map.of() : request.configs());
        URI location = uri.getAbsolutePathBuilder().path(request.name()).build();
        return Response.created(location).entity(Map.of("name", request.name())).build();
    }

    @DELETE
    @Path("{name}")
    @RequiresRole(Role.ADMIN)
    public Response delete(@PathParam("name") String name) {
        if (!isTopicName(name)) {
            throw new ApiException(404, "UNKNOWN_TOPIC", "Unknown topic", "No topic can have that name");
        }
        requireUnprotected(name, "deleted");
        admin.deleteTopic(name);
        return Response.noContent().build();
    }

    /**
     * 403 for a topic Kafka or the platform depends on: re-creating {@code __consumer_offsets} with
     * the wrong settings or deleting the definitions topic breaks every consumer group or stream.
     */
    static void requireUnprotected(String topic, String verb) {
        if (DefinitionLimits.isInternalTopic(topic)) {
            throw new ApiException(403, "TOPIC_PROTECTED", "Topic protected", "'" + topic + "' is a topic that Kafka "
                    + "or the platform owns (names starting with " + String.join(", ", DefinitionLimits.INTERNAL_TOPIC_PREFIXES)
                    + "); it cannot be " + verb + " through the API");
        }
    }

    private static void validate(NewTopicRequest request) {
        if (request == null) {
            throw new ApiException(400, "MALFORMED_JSON", "Malformed JSON", "A JSON object is required");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (!isTopicName(request.name())) {
            errors.add(new Problem.FieldError("/name",
                    "a topic name has 1 to 249 characters among a-z A-Z 0-9 . _ - and is not '.' or '..'"));
        }
        if (request.partitions() != null && (request.partitions() < 1 || request.partitions() > 10_000)) {
            errors.add(new Problem.FieldError("/partitions", "partitions must be between 1 and 10000"));
        }
        if (request.replicationFactor() != null
                && (request.replicationFactor() < 1 || request.replicationFactor() > Short.MAX_VALUE)) {
            errors.add(new Problem.FieldError("/replicationFactor", "replicationFactor must be between 1 and 32767"));
        }
        if (request.configs() != null) {
            request.configs().forEach((key, value) -> {
                String refusal = TopicConfigAllowlist.refusal(key, value);
                if (refusal != null) {
                    errors.add(new Problem.FieldError(JsonPointers.of("configs", key), refusal));
                }
            });
        }
        if (request.configs() != null && request.replicationFactor() != null
                && TopicConfigAllowlist.refusal("min.insync.replicas", request.configs().get("min.insync.replicas")) == null
                && Integer.parseInt(request.configs().get("min.insync.replicas")) > request.replicationFactor()) {
            errors.add(new Problem.FieldError(JsonPointers.of("configs", "min.insync.replicas"),
                    "at most the replication factor (" + request.replicationFactor() + "), or no write with acks=all succeeds"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The topic request is invalid", errors);
        }
    }

    private static boolean isTopicName(String name) {
        return name != null && TOPIC_NAME.matcher(name).matches() && !name.equals(".") && !name.equals("..");
    }
}
