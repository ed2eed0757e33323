package org.hyperiot.streaming.api;

/**
 * One line of the stream list.
 *
 * @param name      the stream name
 * @param state     its state
 * @param engine    where it runs
 * @param guarantee its delivery guarantee
 */
public record StreamSummary(String name, StreamState state, Engine engine, Guarantee guarantee) {
}
