package org.hyperiot.streaming.saga.internal.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.api.saga.SagaSummary;
import org.hyperiot.streaming.saga.internal.machine.SagaInstance;
import org.hyperiot.streaming.saga.internal.machine.SagaTimer;
import org.hyperiot.streaming.saga.internal.machine.StepProgress;

/**
 * Saga log values in and out of JSON. A saga carries its definition as it was when the saga started,
 * written in the definition's own JSON form. Members of steps and history entries at their usual value
 * (zero, false, none) are left out, and read as that value; values written with them read the same. Instants are ISO-8601 text, so the log can be read with
 * {@code kafka-console-consumer}.
 */
public final class SagaLogCodec {

    /** Bumped when the form changes incompatibly; a reader refuses a version it does not know. */
    private static final int FORMAT = 1;
    /** The top-level text members a summary reads. */
    private static final Set<String> SUMMARY_TEXT_MEMBERS = Set.of("id", "startRequest", "state", "createdAt",
            "updatedAt", "error");

    private final DefinitionCache definitions = new DefinitionCache();

    /**
     * Writes a saga as a log value. It is written straight to bytes, the definition's JSON taken as a
     * whole from the cache: the coordinator writes one value per saga per step, so this is its hottest
     * serialisation.
     */
    public byte[] encode(SagaLogRecord record) {
        SagaInstance saga = record.saga();
        return WireJson.write(1024, "a saga", out -> {
            out.writeStartObject();
            // What a saga list shows comes first, the definition (its name first) right after: a summary
            // stops reading there (see summary(byte[])).
            out.writeNumberField("format", FORMAT);
            out.writeStringField("id", saga.id());
            out.writeStringField("startRequest", record.startRequestId());
            out.writeStringField("state", saga.state().name());
            out.writeStringField("createdAt", WireJson.isoInstant(saga.createdAt()));
            out.writeStringField("updatedAt", WireJson.isoInstant(saga.updatedAt()));
            out.writeStringField("error", saga.error());
            out.writeFieldName("definition");
            out.writeRawValue(definitions.text(saga.definition()));
            out.writeFieldName("data");
            WireJson.MAPPER.writeValue(out, saga.data());
            out.writeArrayFieldStart("steps");
            for (StepProgress step : saga.steps()) {
                // Members at their usual value (no compensation, no error) are left out: the log holds one
                // value per saga per step, and most steps never compensate or fail.
                out.writeStartObject();
                out.writeStringField("name", step.name());
                out.writeStringField("state", step.state().name());
                out.writeNumberField("attempts", step.attempts());
                if (step.compensationAttempts() != 0) {
                    out.writeNumberField("compensationAttempts", step.compensationAttempts());
                }
                if (step.compensationRoundStart() != 0) {
                    out.writeNumberField("compensationRoundStart", step.compensationRoundStart());
                }
                if (step.pendingOutput() != null) {
                    out.writeFieldName("pendingOutput");
                    WireJson.MAPPER.writeValue(out, step.pendingOutput());
                }
                if (step.lastError() != null) {
                    out.writeStringField("lastError", step.lastError());
                }
                if (step.unanswered()) {
                    out.writeBooleanField("unanswered", true);
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeNumberField("stage", saga.stage());
            out.writeStringField("deadline", WireJson.isoInstant(saga.deadline()));
            out.writeArrayFieldStart("timers");
            for (SagaTimer timer : saga.timers()) {
                out.writeStartObject();
                out.writeStringField("kind", timer.kind().name());
                out.writeStringField("step", timer.step());
                out.writeNumberField("attempt", timer.attempt());
                out.writeStringField("due", WireJson.isoInstant(timer.due()));
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeArrayFieldStart("history");
            for (SagaHistoryEntry entry : saga.history()) {
                out.writeStartObject();
                out.writeStringField("at", WireJson.isoInstant(entry.at()));
                out.writeStringField("kind", entry.kind().name());
                if (entry.step() != null) {
                    out.writeStringField("step", entry.step());
                }
                if (entry.attempt() != 0) {
                    out.writeNumberField("attempt", entry.attempt());
                }
                if (entry.detail() != null) {
                    out.writeStringField("detail", entry.detail());
                }
                out.writeEndObject();
            }
            out.writeEndArray();
            out.writeNumberField("revision", saga.revision());
            out.writeEndObject();
        });
    }

    /**
     * Reads a value of the saga log.
     *
     * @throws MalformedRecordException if it is not a saga log value of a known format
     */
    public SagaLogRecord decode(byte[] value) {
        ObjectNode root = WireJson.parseObject(value, "saga log value");
        int format = WireJson.integer(root, "format");
        if (format != FORMAT) {
            throw new MalformedRecordException("saga log format " + format + " is not known to this node");
        }
        SagaDefinition definition;
        try {
            definition = definitions.read(WireJson.member(root, "definition").toString());
        } catch (RuntimeException e) {
            throw new MalformedRecordException("the saga's definition cannot be read: " + e.getMessage());
        }
        List<StepProgress> steps = new ArrayList<>();
        for (JsonNode node : array(root, "steps")) {
            Map<String, Object> pending = node.hasNonNull("pendingOutput") ? WireJson.data(node, "pendingOutput") : null;
            steps.add(new StepProgress(WireJson.text(node, "name"),
                    WireJson.constant(node, "state", SagaStepState.class), WireJson.integer(node, "attempts"),
                    WireJson.optionalInteger(node, "compensationAttempts", 0),
                    WireJson.optionalInteger(node, "compensationRoundStart", 0),
                    pending, WireJson.optionalText(node, "lastError"),
                    node.has("unanswered") && WireJson.bool(node, "unanswered")));
        }
        if (steps.size() != definition.steps().size()) {
            throw new MalformedRecordException("the saga has " + steps.size() + " steps but its definition "
                    + definition.steps().size());
        }
        List<SagaTimer> timers = new ArrayList<>();
        for (JsonNode node : array(root, "timers")) {
            timers.add(new SagaTimer(WireJson.constant(node, "kind", SagaTimer.Kind.class),
                    WireJson.optionalText(node, "step"), WireJson.integer(node, "attempt"),
                    WireJson.instant(node, "due")));
        }
        List<SagaHistoryEntry> history = new ArrayList<>();
        for (JsonNode node : array(root, "history")) {
            history.add(new SagaHistoryEntry(WireJson.instant(node, "at"),
                    WireJson.constant(node, "kind", SagaHistoryEntry.Kind.class), WireJson.optionalText(node, "step"),
                    WireJson.optionalInteger(node, "attempt", 0), WireJson.optionalText(node, "detail")));
        }
        SagaInstance saga = new SagaInstance(WireJson.text(root, "id"), definition,
                WireJson.constant(root, "state", SagaState.class), WireJson.data(root, "data"), steps,
                WireJson.integer(root, "stage"), WireJson.instant(root, "createdAt"), WireJson.instant(root, "updatedAt"),
                WireJson.instant(root, "deadline"), timers, history, WireJson.optionalText(root, "error"),
                WireJson.longInteger(root, "revision"));
        return new SagaLogRecord(saga, WireJson.text(root, "startRequest"));
    }

    /**
     * The members of a saga log value that a saga list shows, read without the rest: the list is kept up
     * to date from every write to the log, so it reads only the top-level text members it needs, and
     * stops once it has them all (values this codec writes have them first, the definition's name next).
     *
     * @throws MalformedRecordException if the value is not a saga log value
     */
    public SagaLogSummary summary(byte[] value) {
        if (value == null) {
            throw new MalformedRecordException("saga log value has no value");
        }
        String id = null;
        String startRequest = null;
        String definition = null;
        String state = null;
        String createdAt = null;
        String updatedAt = null;
        String error = null;
        try (JsonParser parser = WireJson.MAPPER.getFactory().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedRecordException("saga log value is not a JSON object");
            }
            int textMembers = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken token = parser.nextToken();
                if (name.equals("definition") && token == JsonToken.START_OBJECT) {
                    boolean last = textMembers == SUMMARY_TEXT_MEMBERS.size();
                    definition = definitionName(parser, last);
                    if (last) {
                        break;
                    }
                    continue;
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                String text = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                if (SUMMARY_TEXT_MEMBERS.contains(name)) {
                    textMembers++;
                }
                switch (name) {
                    case "id" -> id = text;
                    case "startRequest" -> startRequest = text;
                    case "state" -> state = text;
                    case "createdAt" -> createdAt = text;
                    case "updatedAt" -> updatedAt = text;
                    case "error" -> error = text;
                    default -> {
                    }
                }
            }
        } catch (IOException e) {
            throw new MalformedRecordException("saga log value is not JSON: " + e.getMessage());
        }
        ObjectNode fields = WireJson.object();
        fields.put("id", id).put("startRequest", startRequest).put("definition", definition).put("state", state)
                .put("createdAt", createdAt).put("updatedAt", updatedAt).put("error", error);
        return new SagaLogSummary(new SagaSummary(WireJson.text(fields, "id"), WireJson.text(fields, "definition"),
                WireJson.constant(fields, "state", SagaState.class), WireJson.instant(fields, "createdAt"),
                WireJson.instant(fields, "updatedAt"), error), WireJson.text(fields, "startRequest"));
    }

    /**
     * The definition's name, the parser at the definition's start. With {@code stopAtName} it returns as
     * soon as it has the name, inside the definition; otherwise it reads past the definition's end.
     */
    private static String definitionName(JsonParser parser, boolean stopAtName) throws IOException {
        String name = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            JsonToken token = parser.nextToken();
            if (member.equals("name") && token == JsonToken.VALUE_STRING) {
                name = parser.getText();
                if (stopAtName) {
                    return name;
                }
            } else {
                parser.skipChildren();
            }
        }
        return name;
    }

    private static Iterable<JsonNode> array(JsonNode parent, String name) {
        JsonNode value = WireJson.member(parent, name);
        if (!value.isArray()) {
            throw new MalformedRecordException("member '" + name + "' is not an array");
        }
        return value;
    }
}
