package org.hyperiot.streaming.saga.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed view of PID {@code org.hyperiot.streaming.saga}. */
@ObjectClassDefinition(name = "HyperIoT Streaming saga coordinator",
        description = "How this node coordinates sagas and hosts saga participants over Kafka.")
public @interface SagaConfiguration {

    String PID = "org.hyperiot.streaming.saga";

    @AttributeDefinition(name = "Partitions",
            description = "Partitions of the saga log, of the events topic and of each participant's commands topic "
                    + "when this node creates them: the most coordinators (and participant instances of one name) "
                    + "that can share the work. The saga log and the events topic must have the same count.")
    int partitions() default 6;

    @AttributeDefinition(name = "Coordinator threads",
            description = "Coordinator loops on this node (1 to 32), each a member of the coordinators' consumer group with its "
                    + "own transactional id, sharing the node's partitions of the saga log. More than one lets a node "
                    + "use more than one core; more than the partitions leaves some idle. Changed, the coordinator "
                    + "restarts.")
    int coordinator_threads() default 1;

    @AttributeDefinition(name = "Definitions topic",
            description = "Compacted topic holding every saga definition of the cluster. Created compacted with one "
                    + "partition if missing; an existing topic with another cleanup.policy or more partitions is not "
                    + "used, and this node refuses saga definition requests until it is fixed.")
    String definitions_topic() default "hyperiot-saga-definitions";

    @AttributeDefinition(name = "Internal topics replication factor",
            description = "Replication factor of the coordinator's topics when this node creates them; -1 takes "
                    + "the cluster's default.")
    short replication_factor() default -1;

    @AttributeDefinition(name = "Session timeout (ms)",
            description = "How long the coordinators' and participants' consumer groups wait for a silent node before "
                    + "giving its partitions, with their sagas and timers, to the others.")
    int session_timeout_ms() default 10000;

    @AttributeDefinition(name = "Transaction timeout (ms)",
            description = "How long the broker keeps a crashed node's open transaction before aborting it; until "
                    + "then read_committed readers of the saga log wait, so this bounds the failover that clients see.")
    int transaction_timeout_ms() default 10000;

    @AttributeDefinition(name = "Start timeout (ms)",
            description = "How long a start request waits for the new saga to appear in the saga log.")
    int start_timeout_ms() default 15000;

    @AttributeDefinition(name = "Handled commands retention (ms)",
            description = "How long a participant remembers the command ids it answered, so that a redelivered "
                    + "command is answered again without reaching the participant. Longer than any saga's timeout.")
    long handled_retention_ms() default 604800000L;

    @AttributeDefinition(name = "Settled sagas retention (ms)",
            description = "How long a completed or compensated saga stays in the saga log (and in GET /sagas) "
                    + "before the coordinator removes it; its idempotency key then starts a new saga. At least a "
                    + "minute (and start.timeout.ms). Sagas that failed to compensate stay until an operator "
                    + "settles them.")
    long settled_retention_ms() default 604800000L;

    @AttributeDefinition(name = "Max retry back-off (ms)",
            description = "Longest wait before a coordinator or participant worker starts again after a Kafka error.")
    long max_retry_backoff_ms() default 30000;
}
