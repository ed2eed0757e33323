package org.hyperiot.streaming.saga.internal.wire;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * A participant's reply in and out of JSON, as carried in the events topic and kept in a participant's
 * record of handled commands. Effects are not part of it: they are written once, with the reply.
 */
public final class SagaReplyCodec {

    private SagaReplyCodec() {
    }

    public static byte[] encode(SagaReply reply) {
        return WireJson.write(256, "a saga reply", out -> write(out, reply));
    }

    /** Writes the reply as a JSON object, also as the {@code reply} member of a reply event. */
    static void write(JsonGenerator out, SagaReply reply) throws IOException {
        out.writeStartObject();
        out.writeStringField("outcome", reply.outcome().name());
        out.writeFieldName("output");
        WireJson.MAPPER.writeValue(out, reply.output());
        out.writeStringField("code", reply.code());
        out.writeStringField("reason", reply.reason());
        out.writeEndObject();
    }

    public static SagaReply decode(byte[] value) {
        return fromTree(WireJson.parseObject(value, "saga reply"));
    }

    static SagaReply fromTree(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedRecordException("a reply is not a JSON object");
        }
        return new SagaReply(WireJson.constant(node, "outcome", SagaReply.Outcome.class), WireJson.data(node, "output"),
                WireJson.optionalText(node, "code"), WireJson.optionalText(node, "reason"));
    }
}
