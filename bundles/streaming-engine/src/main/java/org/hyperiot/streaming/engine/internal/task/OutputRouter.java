package org.hyperiot.streaming.engine.internal.task;

import java.util.ArrayList;
import java.util.List;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.SourcePartition;
import org.hyperiot.streaming.engine.SourceRecord;
import org.hyperiot.streaming.engine.StreamProcessingException;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.internal.window.WindowEmitter;

/**
 * Sends what a task produces to its {@link TaskOutput} and counts it. What one input record produces
 * is held back until the record has gone through the whole pipeline, so that a record that fails
 * half-way leaves no output behind (its dead letter replaces it). Window results published because
 * the watermark moved belong to no record and go out at once.
 */
public final class OutputRouter implements WindowEmitter {

    private final TaskOutput output;
    private final boolean lateOutput;
    private final boolean deadLetterOutput;
    private final TaskTime time;
    /** True in a routing task: what reaches the end of its pipeline goes to the repartition. */
    private final boolean routes;
    private final List<StreamRecord> pendingResults = new ArrayList<>();
    private final List<LateRecord> pendingLate = new ArrayList<>();
    private SourceRecord current;
    private boolean holding;

    private long recordsOut;
    private long routed;
    private long lateRecords;
    private long lateDropped;
    private long deadLettered;

    public OutputRouter(TaskOutput output, boolean lateOutput, boolean deadLetterOutput, TaskTime time) {
        this(output, lateOutput, deadLetterOutput, time, false);
    }

    /** @param routes true for a routing task, whose results go to the repartition rather than the sink */
    public OutputRouter(TaskOutput output, boolean lateOutput, boolean deadLetterOutput, TaskTime time,
                        boolean routes) {
        this.routes = routes;
        this.output = output;
        this.lateOutput = lateOutput;
        this.deadLetterOutput = deadLetterOutput;
        this.time = time;
    }

    /** Starts holding back the outputs of an input record. */
    public void begin(SourceRecord input) {
        current = input;
        holding = true;
    }

    /** Releases the outputs of the current input record. */
    public void commit() {
        holding = false;
        for (int i = 0, n = pendingResults.size(); i < n; i++) {
            send(pendingResults.get(i));
        }
        pendingResults.clear();
        for (int i = 0, n = pendingLate.size(); i < n; i++) {
            sendLate(pendingLate.get(i));
        }
        pendingLate.clear();
    }

    /** Discards the outputs of the current input record. */
    public void abort() {
        holding = false;
        pendingResults.clear();
        pendingLate.clear();
    }

    @Override
    public void result(StreamRecord result) {
        if (holding) {
            pendingResults.add(result);
        } else {
            send(result);
        }
    }

    @Override
    public void late(StreamRecord record, String reason) {
        LateRecord late = new LateRecord(current, record, time.watermark(), reason);
        if (holding) {
            pendingLate.add(late);
        } else {
            sendLate(late);
        }
    }

    /**
     * Routes a record that could not be processed to the dead-letter output.
     *
     * @throws StreamProcessingException when the stream has no dead-letter topic
     */
    public void deadLetter(SourceRecord source, Throwable error) {
        if (!deadLetterOutput) {
            throw new StreamProcessingException(source, error);
        }
        deadLettered++;
        output.deadLetter(DeadLetterRecord.of(source, error));
    }

    /** Reports a source partition's progress to the repartition (routing tasks). */
    public void progress(SourcePartition partition, long maxEventTime, boolean idle) {
        output.progress(partition, maxEventTime, idle);
    }

    /** True when the stream has a dead-letter topic. */
    public boolean hasDeadLetterOutput() {
        return deadLetterOutput;
    }

    private void send(StreamRecord result) {
        if (routes) {
            routed++;
            output.repartition(current, result);
        } else {
            recordsOut++;
            output.result(result);
        }
    }

    private void sendLate(LateRecord late) {
        if (lateOutput) {
            lateRecords++;
            output.late(late);
        } else {
            lateDropped++;
        }
    }

    public long recordsOut() {
        return recordsOut;
    }

    /** Records sent to the repartition. */
    public long routed() {
        return routed;
    }

    public long lateRecords() {
        return lateRecords;
    }

    public long lateDropped() {
        return lateDropped;
    }

    public long deadLettered() {
        return deadLettered;
    }
}
