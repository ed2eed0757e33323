package org.hyperiot.streaming.kafka.internal;

/** The kinds of Kafka client, each with the configuration prefix that addresses only it. */
enum KafkaClientType {
    PRODUCER("kafka.producer."),
    CONSUMER("kafka.consumer."),
    ADMIN("kafka.admin.");

    final String prefix;

    KafkaClientType(String prefix) {
        this.prefix = prefix;
    }
}
