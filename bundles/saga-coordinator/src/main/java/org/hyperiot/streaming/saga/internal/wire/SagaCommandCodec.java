package org.hyperiot.streaming.saga.internal.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.saga.SagaCommand;

/** Commands in and out of JSON, as carried in a participant's commands topic. */
public final class SagaCommandCodec {

    private SagaCommandCodec() {
    }

    public static byte[] encode(SagaCommand command) {
        ObjectNode node = WireJson.object();
        node.put("sagaId", command.sagaId());
        node.put("definition", command.definition());
        node.put("step", command.step());
        node.put("participant", command.participant());
        node.put("action", command.action());
        node.put("compensation", command.compensation());
        node.put("attempt", command.attempt());
        node.put("commandId", command.commandId());
        node.set("data", WireJson.tree(command.data()));
        node.put("deadline", command.deadline() == null ? null : command.deadline().toString());
        return WireJson.bytes(node);
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
