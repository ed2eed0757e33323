package org.hyperiot.streaming.saga.internal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.saga.SagaCommand;

/** Commands in and out of JSON, as carried in a participant's commands topic. */
public final class SagaCommandCodec {

    private SagaCommandCodec() {
    }

    public static byte[] encode(SagaCommand command) {
        return WireJson.write(512, "a saga command", out -> {
            out.writeStartObject();
            out.writeStringField("sagaId", command.sagaId());
            out.writeStringField("definition", command.definition());
            out.writeStringField("step", command.step());
            out.writeStringField("participant", command.participant());
            out.writeStringField("action", command.action());
            out.writeBooleanField("compensation", command.compensation());
            out.writeNumberField("attempt", command.attempt());
            out.writeStringField("commandId", command.commandId());
            out.writeFieldName("data");
            WireJson.MAPPER.writeValue(out, command.data());
            out.writeStringField("deadline", command.deadline() == null ? null : WireJson.isoInstant(command.deadline()));
            out.writeEndObject();
        });
    }

    /**
     * Reads a command.
     *
     * @throws MalformedRecordException if it is not a command this node knows
     */
    public static SagaCommand decode(byte[] value) {
        ObjectNode node = WireJson.parseObject(value, "saga command");
        try {
            return new SagaCommand(WireJson.text(node, "sagaId"), WireJson.optionalText(node, "definition"),
                    WireJson.text(node, "step"), WireJson.text(node, "participant"), WireJson.text(node, "action"),
                    WireJson.bool(node, "compensation"), WireJson.integer(node, "attempt"),
                    WireJson.text(node, "commandId"), WireJson.data(node, "data"), WireJson.optionalInstant(node, "deadline"));
        } catch (IllegalArgumentException e) {
            throw new MalformedRecordException("the command is not valid: " + e.getMessage());
        }
    }
}
