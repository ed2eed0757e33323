package org.hyperiot.streaming.api;

/** What a {@link StreamProcessor} may know about the task running it. Values reflect the moment they are read. */
public interface ProcessorContext {

    /** The name of the stream. */
    String streamName();

    /** The name the processor was looked up by. */
    String processorName();

    /** The task's event-time watermark in epoch milliseconds, or {@link Long#MIN_VALUE} before the first one. */
    long currentWatermark();

    /** The task's processing time in epoch milliseconds, as last advanced by the runtime. */
    long currentProcessingTime();
}
