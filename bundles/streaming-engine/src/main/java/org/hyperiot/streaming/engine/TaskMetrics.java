package org.hyperiot.streaming.engine;

/**
 * Counters of a task since it was created.
 *
 * @param recordsIn     source records handed to the task
 * @param recordsOut    records sent to the sink
 * @param lateRecords   records sent to the late-record output
 * @param lateDropped   late records dropped because the stream has no {@code lateRecords} topic
 * @param deadLettered  records sent to the dead-letter output
 * @param watermark     the task watermark, {@link Long#MIN_VALUE} before the first
 */
public record TaskMetrics(long recordsIn, long recordsOut, long lateRecords, long lateDropped,
                          long deadLettered, long watermark) {

    /**
     * Every record too late for its window: sent to the late-record output or, without one, dropped.
     * The stream's {@code late} metric.
     */
    public long late() {
        return lateRecords + lateDropped;
    }
}
