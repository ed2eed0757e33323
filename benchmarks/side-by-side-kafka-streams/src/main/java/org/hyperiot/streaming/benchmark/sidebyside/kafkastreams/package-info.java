/**
 * The Kafka Streams contestant of the side-by-side benchmark: a standalone Kafka Streams application
 * that runs the stateless (filter and project) or the windowed (tumbling average per device) telemetry
 * topology between two topics, with the data contract shared by every contestant.
 */
package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;
