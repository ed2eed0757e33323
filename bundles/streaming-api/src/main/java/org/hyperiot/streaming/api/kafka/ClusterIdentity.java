package org.hyperiot.streaming.api.kafka;

/**
 * Where this node sits in the HyperIoT cluster: its layer and its node id within the layer. The
 * layer names the cluster topics ({@code hyperiot_layer_<layer>} for broadcasts and
 * {@code hyperiot_layer_<layer>_<nodeId>} for one node).
 *
 * @param layer  the layer name, for example {@code microservices}
 * @param nodeId the node id within the layer, for example {@code 1}
 */
public record ClusterIdentity(String layer, String nodeId) {

    /** The topic every node of the layer reads. */
    public String broadcastTopic() {
        return "hyperiot_layer_" + layer;
    }

    /** The topic only the given node of this layer reads. */
    public String nodeTopic(String node) {
        return broadcastTopic() + "_" + node;
    }
}
