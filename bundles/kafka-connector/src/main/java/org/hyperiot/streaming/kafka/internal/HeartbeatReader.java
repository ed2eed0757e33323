package org.hyperiot.streaming.kafka.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * Reads the heartbeats among the records of the layer topic into {@link LiveNodes}. The topic is
 * open to every client of the cluster, so a heartbeat is untrusted input: one whose sender is not a
 * valid node id, or without a usable timestamp, is skipped, as is one stamped too far in the future
 * or already stale; each kind of rejection is logged once per {@link FailureLog} interval and sender.
 * Records without the heartbeat header are broadcasts and are left alone.
 */
final class HeartbeatReader implements Consumer<ConsumerRecord<byte[], byte[]>> {

    private final LiveNodes liveNodes;
    private final Clock clock;
    private final FailureLog failures;

    HeartbeatReader(LiveNodes liveNodes, Clock clock, FailureLog failures) {
        this.liveNodes = liveNodes;
        this.clock = clock;
        this.failures = failures;
    }

    @Override
    public void accept(ConsumerRecord<byte[], byte[]> record) {
        Header sender = record.headers().lastHeader(ClusterMessagingComponent.HEARTBEAT_HEADER);
        if (sender == null) {
            return;
        }
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String nodeId = nodeId(sender.value());
        if (nodeId == null) {
            failures.report("malformed heartbeat",
                    "Skipped a heartbeat whose sender is not a valid node id (" + where + ")", null);
            return;
        }
        if (record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0) {
            failures.report("heartbeat without timestamp|" + nodeId,
                    "Skipped a heartbeat of node " + nodeId + " without timestamp (" + where + ")", null);
            return;
        }
        long now = clock.millis();
        switch (liveNodes.heartbeat(nodeId, record.timestamp(), now)) {
            case FROM_THE_FUTURE -> failures.report("heartbeat from the future|" + nodeId, "Ignored a heartbeat of node "
                    + nodeId + " stamped " + (record.timestamp() - now) + " ms ahead of this node's clock (" + where
                    + "); check the clocks of both nodes", null);
            case STALE -> {
                // Reading from one node timeout back meets heartbeats that expire while being read; nothing to report.
            }
            case ACCEPTED -> {
            }
        }
    }

    /** The sender's node id if it is valid UTF-8 and a valid node id, else {@code null}. */
    private static String nodeId(byte[] value) {
        if (value == null) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try {
            return KafkaClientProperties.requireName("node id", text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
