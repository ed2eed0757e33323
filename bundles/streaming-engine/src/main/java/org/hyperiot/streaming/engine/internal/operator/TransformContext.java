package org.hyperiot.streaming.engine.internal.operator;

import java.util.Optional;

import org.hyperiot.streaming.api.ProcessorContext;
import org.hyperiot.streaming.api.StreamProcessor;

/** What a task offers the transforms it creates when it opens. */
public interface TransformContext {

    /**
     * A processor instance for this task, handed back to the registry when the task closes; empty
     * when none is registered under the name, which the task then reports as missing.
     */
    Optional<StreamProcessor> acquireProcessor(String name);

    /** The context a processor of this task sees. */
    ProcessorContext processorContext(String processorName);
}
