package org.hyperiot.streaming.api.kafka;

import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Node-to-node and broadcast messages over the layer's cluster topics, and the live node list
 * built from the nodes' heartbeats.
 */
@ProviderType
public interface ClusterMessaging {

    /** Sends to every node of the layer (topic {@code hyperiot_layer_<layer>}). */
    CompletionStage<RecordMetadata> broadcast(byte[] key, byte[] value);

    /** Sends to one node (topic {@code hyperiot_layer_<layer>_<nodeId>}). */
    CompletionStage<RecordMetadata> sendToNode(String nodeId, byte[] key, byte[] value);

    /** The nodes whose heartbeat was seen recently, this node included. */
    Set<ClusterNode> liveNodes();

    /**
     * A node of the layer and when it was last heard of.
     *
     * @param nodeId          the node id
     * @param lastSeenEpochMs the time of its last heartbeat, epoch milliseconds
     */
    record ClusterNode(String nodeId, long lastSeenEpochMs) {
    }
}
