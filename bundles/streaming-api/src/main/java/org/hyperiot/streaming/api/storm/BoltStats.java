package org.hyperiot.streaming.api.storm;

/**
 * A bolt of a topology with its counters since deployment.
 *
 * @param id                the component id
 * @param executors         its executors
 * @param tasks             its tasks
 * @param emitted           tuples emitted
 * @param transferred       tuples transferred to other executors
 * @param acked             input tuples acked
 * @param failed            input tuples failed
 * @param executed          input tuples executed
 * @param processLatencyMs  average time from receiving a tuple to acking it, in milliseconds
 * @param executeLatencyMs  average time spent in {@code execute}, in milliseconds
 * @param capacity          share of the last window the bolt spent executing (near 1: add executors)
 * @param lastError         the last error it reported, {@code null} if none
 */
public record BoltStats(String id, int executors, int tasks, long emitted, long transferred, long acked, long failed,
        long executed, double processLatencyMs, double executeLatencyMs, double capacity, ComponentError lastError) {
}
