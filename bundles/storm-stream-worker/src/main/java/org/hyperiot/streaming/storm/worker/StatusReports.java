package org.hyperiot.streaming.storm.worker;

/**
 * Where and how often an engine bolt task reports its status ({@link BoltStatusReporter}).
 *
 * @param topic      the platform's status topic
 * @param intervalMs how often the task reports
 * @param topology   the id of the Storm topology the task runs in, which its reports carry
 */
public record StatusReports(String topic, long intervalMs, String topology) {
}
