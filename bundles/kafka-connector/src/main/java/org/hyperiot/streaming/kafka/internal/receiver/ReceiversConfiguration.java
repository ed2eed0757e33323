package org.hyperiot.streaming.kafka.internal.receiver;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Typed view of PID {@code org.hyperiot.streaming.kafka.receivers}; every key has a working default. */
@ObjectClassDefinition(
        name = "HyperIoT Streaming Kafka listener components",
        description = "How records are delivered to KafkaMessageReceiver services: retries of a failing receiver, "
                + "the dead-letter topic, and where a receiver's new consumer group starts.")
@interface ReceiversConfiguration {

    @AttributeDefinition(name = "Attempts",
            description = "How many times a record is given to a receiver that throws (the first try included) "
                    + "before it goes to the dead-letter topic.", min = "1")
    int retry_attempts() default 3;

    @AttributeDefinition(name = "Initial back-off (ms)",
            description = "Wait before the second attempt; it doubles for each further attempt.", min = "0")
    long retry_initial_backoff_ms() default 200;

    @AttributeDefinition(name = "Maximum back-off (ms)",
            description = "Upper bound of the wait between two attempts.", min = "0")
    long retry_max_backoff_ms() default 5000;

    @AttributeDefinition(name = "Dead-letter suffix",
            description = "A record a receiver keeps failing on is written to <topic><suffix>.")
    String dead_letter_suffix() default ".dlq";

    @AttributeDefinition(name = "Dead-letter timeout (ms)",
            description = "How long to wait for Kafka to acknowledge a dead-letter record before trying again.",
            min = "1")
    long dead_letter_timeout_ms() default 30000;

    @AttributeDefinition(name = "Start of a new group",
            description = "Where a receiver whose consumer group has no committed offset starts: earliest (the whole "
                    + "topic, so records written before the receiver first appeared are delivered too) or latest.",
            options = {
                @org.osgi.service.metatype.annotations.Option(label = "earliest", value = "earliest"),
                @org.osgi.service.metatype.annotations.Option(label = "latest", value = "latest")
            })
    String auto_offset_reset() default "earliest";

    @AttributeDefinition(name = "Poll timeout (ms)",
            description = "Longest a receiver's consumer blocks waiting for records.", min = "1")
    long poll_timeout_ms() default 500;

    @AttributeDefinition(name = "Stop timeout (ms)",
            description = "How long removing a receiver waits for the record it is handling to finish.", min = "0")
    long stop_timeout_ms() default 30000;
}
