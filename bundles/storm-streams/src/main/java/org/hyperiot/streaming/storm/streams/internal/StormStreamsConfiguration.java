package org.hyperiot.streaming.storm.streams.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The configuration of the storm engine, PID {@value #PID}. */
@ObjectClassDefinition(name = "HyperIoT Streaming Storm streams",
        description = "How streams with \"engine\": \"storm\" run as Storm topologies")
public @interface StormStreamsConfiguration {

    String PID = "org.hyperiot.streaming.storm.streams";

    @AttributeDefinition(description = "Worker processes each stream's topology is spread over (topology.workers)")
    int workers() default 1;

    @AttributeDefinition(description = "How long (ms) the broker waits before aborting the transaction of an "
            + "exactly-once bolt that died: bounds the failover time read_committed readers see")
    int transaction_timeout_ms() default 10000;

    @AttributeDefinition(description = "Kafka's bootstrap servers as Storm's workers reach them; empty: the "
            + "Kafka connector's bootstrap.servers")
    String worker_bootstrap_servers() default "";
}
