package org.hyperiot.streaming.runtime.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed view of PID {@code org.hyperiot.streaming.runtime}. */
@ObjectClassDefinition(name = "HyperIoT Streaming runtime",
        description = "How this node runs streams on Kafka and shares their definitions and status.")
public @interface RuntimeConfiguration {

    String PID = "org.hyperiot.streaming.runtime";

    @AttributeDefinition(name = "Session timeout (ms)",
            description = "How long a stream's consumer group waits for a silent node before giving its partitions "
                    + "to the others. Lower means faster failover after a crash, higher tolerates longer pauses.")
    int session_timeout_ms() default 8000;

    @AttributeDefinition(name = "Transaction timeout (ms)",
            description = "Exactly-once streams: how long the broker keeps a crashed node's open transaction before "
                    + "aborting it. Until then read_committed readers of the outputs wait, so this bounds the "
                    + "failover time that readers see after a crash.")
    int transaction_timeout_ms() default 10000;

    @AttributeDefinition(name = "Max poll records", description = "Records a worker fetches per poll.")
    int max_poll_records() default 1000;

    @AttributeDefinition(name = "Max retry back-off (ms)",
            description = "Longest wait before a worker starts again after a Kafka error.")
    long max_retry_backoff_ms() default 30000;

    @AttributeDefinition(name = "Definitions topic",
            description = "Compacted topic holding every stream definition of the cluster. Created compacted "
                    + "with one partition if missing; an existing topic with another cleanup.policy or more "
                    + "partitions is not used, and this node runs no streams until it is fixed.")
    String definitions_topic() default "hyperiot-streaming-definitions";

    @AttributeDefinition(name = "Status topic",
            description = "Compacted topic where every node reports the tasks it runs. Created compacted if "
                    + "missing; an existing topic with another cleanup.policy is not used.")
    String status_topic() default "hyperiot-streaming-status";

    @AttributeDefinition(name = "Internal topics replication factor",
            description = "Replication factor of the definitions and status topics when this node creates them; "
                    + "-1 takes the cluster's default.")
    short replication_factor() default -1;

    @AttributeDefinition(name = "Status interval (ms)", description = "How often this node reports its tasks.")
    long status_interval_ms() default 2000;

    @AttributeDefinition(name = "Max streams",
            description = "Most streams the cluster may hold, and most this node runs at once. Creating a stream "
                    + "beyond it is refused; of the streams asked to run, this node runs the first ones by name and "
                    + "reports the others as held back. Give every node the same value.")
    int max_streams() default 100;

    @AttributeDefinition(name = "Max worker threads",
            description = "Most worker threads this node runs for all streams of engine kafka together. A stream "
                    + "starting when they are all taken runs fewer workers here, or none until some are free.")
    int max_worker_threads() default 256;
}
