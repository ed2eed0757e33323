package org.hyperiot.streaming.benchmark.engine;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.TaskOutput;
import org.hyperiot.streaming.engine.ValueFormat;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Hands every output to JMH so that nothing is optimised away, and counts results; with a sink format,
 * each result's value is encoded first, as the Kafka runtime encodes it before sending.
 */
final class BlackholeOutput implements TaskOutput {

    private final Blackhole blackhole;
    private final ValueFormat sinkFormat;
    long results;

    BlackholeOutput(Blackhole blackhole) {
        this(blackhole, null);
    }

    /** @param sinkFormat the format results are encoded with, or null to hand them over as they are */
    BlackholeOutput(Blackhole blackhole, ValueFormat sinkFormat) {
        this.blackhole = blackhole;
        this.sinkFormat = sinkFormat;
    }

    @Override
    public void result(StreamRecord record) {
        results++;
        if (sinkFormat == null) {
            blackhole.consume(record);
        } else {
            blackhole.consume(sinkFormat.encode(record.value()));
        }
    }

    @Override
    public void late(LateRecord late) {
        blackhole.consume(late);
    }

    @Override
    public void deadLetter(DeadLetterRecord deadLetter) {
        throw new IllegalStateException("benchmark input must not be dead-lettered: " + deadLetter.errorMessage());
    }
}
