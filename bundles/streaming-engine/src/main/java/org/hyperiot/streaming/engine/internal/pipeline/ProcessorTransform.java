package org.hyperiot.streaming.engine.internal.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.RecordCollector;
import org.hyperiot.streaming.api.StreamProcessor;

/**
 * The {@code processor} operator. What the processor emits is gathered first and passed on only
 * after {@code process} returns, so that a processor cannot catch, and hide, the failures of the
 * operators after it.
 */
public final class ProcessorTransform implements RecordTransform {

    private final StreamProcessor processor;
    private final Map<String, Object> config;
    private final ProcessorContext context;
    private final List<StreamRecord> emitted = new ArrayList<>();
    private final RecordCollector collector;
    private boolean collecting;

    public ProcessorTransform(StreamProcessor processor, Map<String, Object> config, ProcessorContext context) {
        this.processor = processor;
        this.config = config;
        this.context = context;
        this.collector = record -> {
            if (!collecting) {
                throw new IllegalStateException("processor '" + context.processorName()
                        + "' emitted outside of process()");
            }
            emitted.add(record);
        };
    }

    @Override
    public void open() throws Exception {
        processor.open(config, context);
    }

    @Override
    public void apply(StreamRecord record, Downstream out) throws Exception {
        emitted.clear();
        collecting = true;
        try {
            processor.process(record, collector);
        } finally {
            collecting = false;
        }
        // Each processor stage owns its buffer and no later stage calls back into it, so the buffer
        // is stable while its records travel downstream.
        for (int i = 0, n = emitted.size(); i < n; i++) {
            out.push(emitted.get(i));
        }
    }

    @Override
    public void close() throws Exception {
        processor.close();
    }

    /** The name the processor was looked up by. */
    public String processorName() {
        return context.processorName();
    }

    /** The processor instance, to hand back to the registry. */
    public StreamProcessor processor() {
        return processor;
    }
}
