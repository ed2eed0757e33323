package org.hyperiot.streaming.saga.internal.wire;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;


/** Values of the events topic in and out of JSON: {@code {"type":"start"|"reply"|"cancel"|"retry"|"skip", …}}. */
public final class CoordinatorEventCodec {

    private final DefinitionCache definitions = new DefinitionCache();

    public byte[] encode(CoordinatorEvent event) {
        if (event instanceof CoordinatorEvent.Reply reply) {
            // A participant writes one per command: streamed, as the tree below would write it.
            return WireJson.write(256, "a saga event", out -> {
                out.writeStartObject();
                out.writeStringField("type", "reply");
                out.writeStringField("commandId", reply.commandId());
                out.writeNumberField("attempt", reply.attempt());
                out.writeFieldName("reply");
                SagaReplyCodec.write(out, reply.reply());
                out.writeEndObject();
            });
        }
        ObjectNode root = WireJson.object();
        if (event instanceof CoordinatorEvent.Start start) {
            root.put("type", "start");
            root.put("requestId", start.requestId());
            root.set("definition", WireJson.parseObject(definitions.text(start.definition()), "definition"));
            root.set("input", WireJson.tree(start.input()));
        } else {
            CoordinatorEvent.Operator operator = (CoordinatorEvent.Operator) event;
            root.put("type", operator.verb().name().toLowerCase(Locale.ROOT));
            root.put("requestId", operator.requestId());
        }
        return WireJson.bytes(root);
    }

    /**
     * Reads a value of the events topic.
     *
     * @throws MalformedRecordException if it is not an event this node knows
     */
    public CoordinatorEvent decode(byte[] value) {
        ObjectNode root = WireJson.parseObject(value, "saga event");
        String type = WireJson.text(root, "type");
        switch (type) {
            case "start" -> {
                try {
                    return new CoordinatorEvent.Start(WireJson.text(root, "requestId"),
                            definitions.read(WireJson.member(root, "definition").toString()), WireJson.data(root, "input"));
                } catch (MalformedRecordException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw new MalformedRecordException("the start's definition cannot be read: " + e.getMessage());
                }
            }
            case "reply" -> {
                return new CoordinatorEvent.Reply(WireJson.text(root, "commandId"), WireJson.integer(root, "attempt"),
                        SagaReplyCodec.fromTree(WireJson.member(root, "reply")));
            }
            case "cancel", "retry", "skip" -> {
                return new CoordinatorEvent.Operator(CoordinatorEvent.Verb.valueOf(type.toUpperCase(Locale.ROOT)),
                        WireJson.text(root, "requestId"));
            }
            default -> throw new MalformedRecordException("saga event type '" + type + "' is not known");
        }
    }
}
