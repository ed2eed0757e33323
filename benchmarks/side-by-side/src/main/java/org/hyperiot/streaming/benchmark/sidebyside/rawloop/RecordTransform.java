package org.hyperiot.streaming.benchmark.sidebyside.rawloop;

import java.io.IOException;

/** One of the benchmark's pipelines, written by hand for one source partition at a time. */
interface RecordTransform {

    /** Where a transform's outputs go: the loop sends each one to the output topic at once. */
    interface Output {
        void send(byte[] key, byte[] value);
    }

    /** Processes one input record of {@code partition}. */
    void process(int partition, byte[] key, byte[] value, Output output) throws IOException;

    /** Called once a polled batch is processed: emits what the batch made final (closed windows). */
    default void endOfBatch(int partition, Output output) throws IOException {
    }
}
