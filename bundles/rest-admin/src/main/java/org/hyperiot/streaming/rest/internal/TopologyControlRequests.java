package org.hyperiot.streaming.rest.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.storm.RebalanceRequest;
import org.hyperiot.streaming.api.storm.TopologyService;

/**
 * The bodies of {@code POST /topologies/{id}/rebalance} and {@code …/kill}, read with the API's
 * strict JSON rules and checked member by member, so that every wrong value comes back at once with
 * its pointer (422 {@code INVALID_REQUEST}) before Storm is asked. Both bodies are optional: an
 * empty one means every default.
 */
final class TopologyControlRequests {

    /**
     * The longest wait accepted. Storm takes any, but a topology waiting to be killed or rebalanced
     * is deactivated all along: an hour is already far more than tuples in flight need.
     */
    static final int MAX_WAIT_SECONDS = 3_600;
    /** The most workers a rebalance may ask for. */
    static final int MAX_WORKERS = 1_000;
    /** The most executors a rebalance may give one component. */
    static final int MAX_EXECUTORS = 10_000;
    /** The most components a rebalance may name. */
    static final int MAX_COMPONENTS = 1_000;
    /** The longest component id accepted. */
    static final int MAX_COMPONENT_ID_LENGTH = 200;

    private TopologyControlRequests() {
    }

    /** {@code {"waitSeconds":10,"workers":2,"executors":{"engine":4}}}, every member optional. */
    public record RebalanceBody(Integer waitSeconds, Integer workers, Map<String, Integer> executors) {
    }

    /** {@code {"waitSeconds":10}}; without it, the connector's configured kill wait. */
    public record KillBody(Integer waitSeconds) {
    }

    /**
     * The rebalance the body asks for; the wait is {@code null} when not given, for the connector to
     * take its default.
     */
    static RebalanceRequest rebalance(byte[] json) {
        RebalanceBody body = read(json, RebalanceBody.class);
        if (body == null) {
            return new RebalanceRequest(null, null, null);
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        checkRange(errors, "/waitSeconds", body.waitSeconds(), 0, MAX_WAIT_SECONDS);
        checkRange(errors, "/workers", body.workers(), 1, MAX_WORKERS);
        if (body.executors() != null) {
            if (body.executors().size() > MAX_COMPONENTS) {
                errors.add(new Problem.FieldError("/executors", "at most " + MAX_COMPONENTS + " components"));
            } else {
                body.executors().forEach((component, executors) -> {
                    String pointer = JsonPointers.of("executors", component);
                    String refusal = componentIdRefusal(component);
                    if (refusal != null) {
                        errors.add(new Problem.FieldError(pointer, refusal));
                    } else {
                        checkRange(errors, pointer, executors, 1, MAX_EXECUTORS);
                        if (executors == null) {
                            errors.add(new Problem.FieldError(pointer, "an integer from 1 to " + MAX_EXECUTORS
                                    + ", not null"));
                        }
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation("The rebalance request is invalid", errors);
        }
        return new RebalanceRequest(body.waitSeconds(), body.workers(), body.executors());
    }

    /** The kill wait the body asks for, or {@code null} for the connector's default. */
    static Integer killWait(byte[] json) {
        KillBody body = read(json, KillBody.class);
        if (body == null || body.waitSeconds() == null) {
            return null;
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        checkRange(errors, "/waitSeconds", body.waitSeconds(), TopologyService.MINIMUM_KILL_WAIT_SECONDS,
                MAX_WAIT_SECONDS);
        if (!errors.isEmpty()) {
            throw ApiException.validation("The kill request is invalid", errors);
        }
        return body.waitSeconds();
    }

    /** Null for an empty (or blank) body; otherwise the body, which must be a JSON object. */
    private static <T> T read(byte[] json, Class<T> type) {
        if (new String(json, StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        Object body = JsonBodyProvider.read(json, type);
        if (body == null) {
            throw new ApiException(400, "INVALID_BODY", "Invalid request body",
                    "A JSON object is required, or no body at all for every default");
        }
        return type.cast(body);
    }

    private static void checkRange(List<Problem.FieldError> errors, String pointer, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            errors.add(new Problem.FieldError(pointer, "an integer from " + min + " to " + max + ", not " + value));
        }
    }

    /** Why a component id cannot be one, or null. Storm's own ids are checked by Nimbus' topology. */
    private static String componentIdRefusal(String component) {
        if (component.isEmpty()) {
            return "a component id, not an empty name";
        }
        if (component.length() > MAX_COMPONENT_ID_LENGTH) {
            return "a component id of at most " + MAX_COMPONENT_ID_LENGTH + " characters";
        }
        if (component.codePoints().anyMatch(Character::isISOControl)) {
            return "a component id without control characters";
        }
        if (component.startsWith("__")) {
            return "a component of the topology; ids starting with __ are Storm's own, which a rebalance cannot size";
        }
        return null;
    }
}
