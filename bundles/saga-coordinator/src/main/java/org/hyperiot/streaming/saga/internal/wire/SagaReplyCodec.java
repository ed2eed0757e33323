package org.hyperiot.streaming.saga.internal.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * A participant's reply in and out of JSON, as carried in the events topic and kept in a participant's
 * record of handled commands. Effects are not part of it: they are written once, with the reply.
 */
public final class SagaReplyCodec {

    private SagaReplyCodec() {
    }

    public static byte[] encode(SagaReply reply) {
        return WireJson.bytes(tree(reply));
    }

    public static SagaReply decode(byte[] value) {
        return fromTree(WireJson.parseObject(value, "saga reply"));
    }

    static ObjectNode tree(SagaReply reply) {
        ObjectNode node = WireJson.object();
        node.put("outcome", reply.outcome().name());
        node.set("output", WireJson.tree(reply.output()));
        node.put("code", reply.code());
        node.put("reason", reply.reason());
        return node;
    }

    static SagaReply fromTree(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedRecordException("a reply is not a JSON object");
        }
        return new SagaReply(WireJson.constant(node, "outcome", SagaReply.Outcome.class), WireJson.data(node, "output"),
                WireJson.optionalText(node, "code"), WireJson.optionalText(node, "reason"));
    }
}
