package org.hyperiot.streaming.kafka.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Typed view of PID {@code org.hyperiot.streaming.kafka}. Native Kafka properties are not listed
 * here: they arrive under the prefixes read by {@link KafkaClientProperties}.
 */
@ObjectClassDefinition(
        name = "HyperIoT Streaming Kafka connector",
        description = "The Kafka cluster used by the platform. Any native Kafka client property can be added with "
                + "the prefixes kafka.all. (every client), kafka.producer., kafka.consumer. and kafka.admin.")
@interface KafkaConnectorConfiguration {

    @AttributeDefinition(name = "Bootstrap servers",
            description = "Comma-separated host:port list of Kafka brokers.")
    String bootstrap_servers() default "127.0.0.1:9092";

    @AttributeDefinition(name = "Layer",
            description = "Cluster layer of this node; names the cluster topics hyperiot_layer_<layer>.")
    String layer() default "microservices";

    @AttributeDefinition(name = "Node id",
            description = "Id of this node within the layer. Fixed while the connector runs.")
    String node_id() default "1";

    @AttributeDefinition(name = "Health timeout (ms)",
            description = "How long a connectivity check waits for the cluster before reporting it unreachable.")
    int health_timeout_ms() default 3000;

    @AttributeDefinition(name = "Health interval (ms)",
            description = "How often the connectivity check runs in the background; the cluster status (GET /health) "
                    + "is the result of the last check and never waits for Kafka.", min = "100")
    long health_interval_ms() default 5000;

    @AttributeDefinition(name = "Cluster topic partitions",
            description = "Partitions of the cluster topics hyperiot_layer_<layer> and hyperiot_layer_<layer>_<nodeId> when this node creates them.")
    int cluster_topic_partitions() default 1;

    @AttributeDefinition(name = "Cluster topic replication factor",
            description = "Replication factor of the cluster topics when this node creates them; -1 takes the cluster's default.")
    short cluster_topic_replication_factor() default -1;

    @AttributeDefinition(name = "Heartbeat interval (ms)",
            description = "How often this node announces itself on the layer topic.")
    long cluster_heartbeat_interval_ms() default 5000;

    @AttributeDefinition(name = "Node timeout (ms)",
            description = "A node whose last heartbeat is older than this is no longer listed as live.")
    long cluster_node_timeout_ms() default 15000;

    @AttributeDefinition(name = "Maximum clock skew (ms)",
            description = "A heartbeat stamped further ahead of this node's clock is ignored: the layer topic is "
                    + "writable by any client, and a stamp far in the future would keep a node listed long after it died.",
            min = "0")
    long cluster_max_clock_skew_ms() default 5000;
}
