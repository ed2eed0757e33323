package org.hyperiot.streaming.engine.internal.task;

import org.hyperiot.streaming.api.ProcessorContext;

/** The {@link ProcessorContext} of one processor in one task. */
public final class TaskProcessorContext implements ProcessorContext {

    private final String streamName;
    private final String processorName;
    private final TaskTime time;

    public TaskProcessorContext(String streamName, String processorName, TaskTime time) {
        this.streamName = streamName;
        this.processorName = processorName;
        this.time = time;
    }

    @Override
    public String streamName() {
        return streamName;
    }

    @Override
    public String processorName() {
        return processorName;
    }

    @Override
    public long currentWatermark() {
        return time.watermark();
    }

    @Override
    public long currentProcessingTime() {
        return time.processingTime();
    }
}
