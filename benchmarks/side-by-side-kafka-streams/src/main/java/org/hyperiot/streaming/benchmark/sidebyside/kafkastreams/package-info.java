/**
 * The Kafka Streams contestant of the side-by-side benchmark: a standalone Kafka Streams application
 * that runs the stateless (filter and project), the windowed (tumbling average per device) or the
 * windowed-by-site (tumbling average per site, through a repartition) telemetry topology, with the
 * data contract shared by every contestant.
 */
package org.hyperiot.streaming.benchmark.sidebyside.kafkastreams;
