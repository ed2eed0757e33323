/**
 * The hand-written Storm contestant of the side-by-side benchmark: the stateless telemetry pipeline
 * (keep readings with {@code temp > -50}, project them to deviceId, seq, ts and temp) as an experienced
 * Storm user writes it with storm-kafka-client, and the program that submits it to a Storm cluster.
 */
package org.hyperiot.streaming.benchmark.sidebyside.storm;
