package org.hyperiot.streaming.engine.internal.task;

/**
 * The task's notion of now: the processing time last given by the runtime, and the watermark the
 * record being processed sees. Processors read both through their context.
 */
public final class TaskTime {

    private long processingTime;
    private long watermark = Long.MIN_VALUE;

    public TaskTime(long processingTime) {
        this.processingTime = processingTime;
    }

    public long processingTime() {
        return processingTime;
    }

    /** Moves processing time forward; a clock that steps back is ignored. */
    public void advanceProcessingTime(long now) {
        processingTime = Math.max(processingTime, now);
    }

    public long watermark() {
        return watermark;
    }

    public void setWatermark(long value) {
        watermark = value;
    }
}
