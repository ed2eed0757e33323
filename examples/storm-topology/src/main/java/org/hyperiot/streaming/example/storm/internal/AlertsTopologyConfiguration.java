package org.hyperiot.streaming.example.storm.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration PID {@code org.hyperiot.streaming.example.storm}. Keys starting with {@code kafka.}
 * (not listed here) are Kafka client properties for the spout's consumer and the writer's producer,
 * such as {@code kafka.security.protocol}; those that hold secrets travel as Storm credentials.
 */
@ObjectClassDefinition(name = "HyperIoT Streaming example topology",
        description = "Temperature readings from one Kafka topic, alerts above a threshold to another, on Storm")
public @interface AlertsTopologyConfiguration {

    @AttributeDefinition(description = "The topology's name in the Storm cluster")
    String topology_name() default "example-alerts";

    @AttributeDefinition(description = "Kafka bootstrap servers, as the workers reach them")
    String bootstrap_servers() default "127.0.0.1:9092";

    @AttributeDefinition(description = "Topic of JSON readings such as {\"deviceId\":\"d1\",\"temp\":31.5}")
    String input_topic() default "storm-readings";

    @AttributeDefinition(description = "Topic the alerts are written to, keyed by device")
    String output_topic() default "storm-alerts";

    @AttributeDefinition(description = "Topic readings that are not valid JSON readings are written to, with the reason")
    String invalid_topic() default "storm-readings-invalid";

    @AttributeDefinition(description = "Consumer group of the spout; its committed offsets are where a redeployed topology resumes")
    String consumer_group() default "example-alerts";

    @AttributeDefinition(description = "A reading hotter than this raises an alert")
    double threshold() default 30.0;

    @AttributeDefinition(description = "Worker processes (topology.workers)", min = "1", max = "16")
    int workers() default 1;

    @AttributeDefinition(description = "Executors of the threshold bolt", min = "1", max = "64")
    int threshold_executors() default 2;
}
