package org.hyperiot.streaming.benchmark.kafka;

/** The three ways of sending that the benchmark compares. */
enum SendVariant {

    /** The baseline: {@code KafkaProducer.send(record, callback)} on a producer of our own. */
    PLAIN_PRODUCER("plain", "plain `KafkaProducer.send(record, callback)`"),

    /** {@code KafkaConnector.send(record)}, the outcome taken from the stage with {@code whenComplete}. */
    CONNECTOR_STAGE("stage", "connector `send(record).whenComplete(…)`"),

    /** {@code KafkaConnector.send(record, callback)}, the returned stage ignored. */
    CONNECTOR_CALLBACK("callback", "connector `send(record, callback)`");

    final String shortName;
    final String description;

    SendVariant(String shortName, String description) {
        this.shortName = shortName;
        this.description = description;
    }
}
