package org.hyperiot.streaming.api.storm;

/**
 * A spout of a topology with its counters since deployment.
 *
 * @param id                 the component id
 * @param executors          its executors
 * @param tasks              its tasks
 * @param emitted            tuples emitted
 * @param transferred        tuples transferred to other executors
 * @param acked              tuple trees completed
 * @param failed             tuple trees failed or timed out
 * @param completeLatencyMs  average time from emit to the end of the tuple tree, in milliseconds
 *                           (0 when acking is off or nothing was acked)
 * @param lastError          the last error it reported, {@code null} if none
 */
public record SpoutStats(String id, int executors, int tasks, long emitted, long transferred, long acked, long failed,
        double completeLatencyMs, ComponentError lastError) {
}
