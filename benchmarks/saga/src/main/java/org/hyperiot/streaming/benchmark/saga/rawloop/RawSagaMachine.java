package org.hyperiot.streaming.benchmark.saga.rawloop;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.benchmark.saga.BenchmarkSaga;

/**
 * The raw loop's saga logic, as a hand-written loop has it: the steps one after the other, each step's
 * output merged into the data the next command carries, a retryable failure retried at once up to
 * {@value #MAX_ATTEMPTS} attempts, a final failure or the deadline ending the saga. No compensation and
 * no back-off: the benchmark's participants always succeed, and a loop written for them would not have
 * them either. Pure: JSON in and out, the clock passed in.
 */
final class RawSagaMachine {

    static final int MAX_ATTEMPTS = 5;

    /** What an event did: the saga's new state, and the step whose command to send, if any. */
    record Outcome(RawSaga saga, BenchmarkSaga.Step command) {
    }

    private final ObjectMapper json;
    private final List<BenchmarkSaga.Step> steps;
    private final long timeoutMs;

    RawSagaMachine(ObjectMapper json, List<BenchmarkSaga.Step> steps, long timeoutMs) {
        this.json = json;
        this.steps = List.copyOf(steps);
        this.timeoutMs = timeoutMs;
    }

    Outcome start(String sagaId, String requestId, JsonNode input, long now) {
        ObjectNode data = input != null && input.isObject() ? ((ObjectNode) input).deepCopy() : json.createObjectNode();
        RawSaga saga = new RawSaga(sagaId, requestId, RawSaga.RUNNING, 0, 1, data, now, now, now + timeoutMs);
        return new Outcome(saga, steps.get(0));
    }

    /**
     * A participant's reply: {@code {"commandId":…,"attempt":…,"reply":{"outcome":…,"output":{…}}}}.
     * Returns null when it is not the reply the saga waits for (a late or repeated reply).
     */
    Outcome reply(RawSaga saga, JsonNode event, long now) {
        if (saga.settled() || !commandId(saga).equals(event.path("commandId").asText())
                || event.path("attempt").asInt() != saga.attempt()) {
            return null;
        }
        JsonNode reply = event.path("reply");
        switch (reply.path("outcome").asText()) {
            case "SUCCESS" -> {
                ObjectNode data = saga.data();
                JsonNode output = reply.path("output");
                if (output.isObject() && !output.isEmpty()) {
                    data = data.deepCopy();
                    data.setAll((ObjectNode) output);
                }
                if (saga.step() + 1 == steps.size()) {
                    return new Outcome(with(saga, RawSaga.COMPLETED, saga.step(), saga.attempt(), data, now), null);
                }
                int next = saga.step() + 1;
                return new Outcome(with(saga, RawSaga.RUNNING, next, 1, data, now), steps.get(next));
            }
            case "RETRYABLE_FAILURE" -> {
                if (saga.attempt() < MAX_ATTEMPTS) {
                    return new Outcome(with(saga, RawSaga.RUNNING, saga.step(), saga.attempt() + 1, saga.data(), now),
                            steps.get(saga.step()));
                }
                return new Outcome(with(saga, RawSaga.FAILED, saga.step(), saga.attempt(), saga.data(), now), null);
            }
            default -> {
                return new Outcome(with(saga, RawSaga.FAILED, saga.step(), saga.attempt(), saga.data(), now), null);
            }
        }
    }

    /** The saga's deadline has passed. */
    Outcome expire(RawSaga saga, long now) {
        return new Outcome(with(saga, RawSaga.TIMED_OUT, saga.step(), saga.attempt(), saga.data(), now), null);
    }

    /** Every attempt of a step's action has the same id: the participant's idempotency key. */
    String commandId(RawSaga saga) {
        BenchmarkSaga.Step step = steps.get(saga.step());
        return saga.id() + "/" + step.name() + "/execute/" + step.action();
    }

    byte[] command(RawSaga saga) {
        BenchmarkSaga.Step step = steps.get(saga.step());
        ObjectNode command = json.createObjectNode().put("sagaId", saga.id()).put("step", step.name())
                .put("participant", step.participant()).put("action", step.action()).put("attempt", saga.attempt())
                .put("commandId", commandId(saga));
        command.set("data", saga.data());
        return bytes(command);
    }

    byte[] logValue(RawSaga saga) {
        ObjectNode value = json.createObjectNode().put("id", saga.id()).put("requestId", saga.requestId())
                .put("definition", BenchmarkSaga.NAME).put("state", saga.state())
                .put("step", steps.get(saga.step()).name()).put("stepIndex", saga.step()).put("attempt", saga.attempt());
        value.set("data", saga.data());
        value.put("createdAt", Instant.ofEpochMilli(saga.createdAt()).toString())
                .put("updatedAt", Instant.ofEpochMilli(saga.updatedAt()).toString())
                .put("deadline", Instant.ofEpochMilli(saga.deadline()).toString());
        return bytes(value);
    }

    RawSaga fromLog(byte[] value) {
        try {
            JsonNode node = json.readTree(value);
            JsonNode data = node.path("data");
            return new RawSaga(node.path("id").asText(), node.path("requestId").asText(), node.path("state").asText(),
                    node.path("stepIndex").asInt(), node.path("attempt").asInt(),
                    data.isObject() ? (ObjectNode) data : json.createObjectNode(),
                    Instant.parse(node.path("createdAt").asText()).toEpochMilli(),
                    Instant.parse(node.path("updatedAt").asText()).toEpochMilli(),
                    Instant.parse(node.path("deadline").asText()).toEpochMilli());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a saga of the raw loop's log: " + e.getMessage(), e);
        }
    }

    private static RawSaga with(RawSaga saga, String state, int step, int attempt, ObjectNode data, long now) {
        return new RawSaga(saga.id(), saga.requestId(), state, step, attempt, data, saga.createdAt(), now,
                saga.deadline());
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
