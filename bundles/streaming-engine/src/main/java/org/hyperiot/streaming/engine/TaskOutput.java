package org.hyperiot.streaming.engine;

import org.hyperiot.streaming.api.StreamRecord;

/**
 * Where a {@link StreamTask} sends what it produces. Calls come from the thread driving the task, in
 * the order the engine produces the records; a runtime writes them to the sink, late-record and
 * dead-letter topics and commits them with the input offsets according to the stream's guarantee.
 */
public interface TaskOutput {

    /** A record for the sink topic: a pipeline output or a window result. */
    void result(StreamRecord record);

    /** A record too late for its window; only called when the definition has a {@code lateRecords} topic. */
    void late(LateRecord late);

    /** A record that could not be decoded or processed; only called when the definition has a {@code deadLetter} topic. */
    void deadLetter(DeadLetterRecord deadLetter);

    /**
     * A record for the repartition, partitioned by its key ({@link TaskStage#ROUTING} tasks only). The
     * runtime sends it so that the windowing stage reads it back as a
     * {@link SourceRecord#routed routed record} with {@code record}'s key, value (encoded with the source
     * format), timestamp as event time, {@code source}'s partition as origin, and {@code source}'s headers.
     *
     * @param source the source record it came from
     * @param record the record as it reaches the window
     */
    default void repartition(SourceRecord source, StreamRecord record) {
        throw new UnsupportedOperationException("this output does not repartition");
    }

    /**
     * How far a source partition has come ({@link TaskStage#ROUTING} tasks only, from
     * {@link StreamTask#prepareCommit()}, when it changed and again every half {@code idleTimeout}): the
     * highest event time read from it ({@link Long#MIN_VALUE} if none yet) and whether it is idle. The
     * runtime sends it to every partition of the repartition, where it arrives as a
     * {@link SourceRecord#progress progress marker}: a windowing task that gets no record of that
     * partition still learns how far it has come, and only from here that it is idle.
     */
    default void progress(SourcePartition partition, long maxEventTime, boolean idle) {
        throw new UnsupportedOperationException("this output does not repartition");
    }
}
