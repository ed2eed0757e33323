package org.hyperiot.streaming.engine.internal.window;

import java.util.List;
import java.util.Map;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.api.StreamAggregator;
import org.hyperiot.streaming.engine.state.StateStore;

/** The window operator of a pipeline, whatever its type. */
public interface WindowStage {

    /** Adds a record, emitting updates or a late record as the emit mode and watermark require. */
    void process(StreamRecord record, WindowEmitter out);

    /** Moves the operator's watermark forward, publishing and purging windows as it passes them. */
    void advanceTo(long watermark, WindowEmitter out);

    /** The operator's watermark. */
    long watermark();

    /** Names of the custom aggregators it needs. */
    List<String> customAggregators();

    /** Binds the custom aggregators by name. */
    void bind(Map<String, StreamAggregator> aggregators);

    /** The stores holding its state. */
    List<StateStore<?, ?>> stores();

    /** Rebuilds timers and indexes after its stores were restored, at the restored watermark. */
    void restored(long watermark);

    /** A description of everything that determines the meaning of its state, to detect incompatible restores. */
    String layout();
}
