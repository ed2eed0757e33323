package org.hyperiot.streaming.benchmark.engine;

import org.hyperiot.streaming.api.StreamRecord;
import org.hyperiot.streaming.engine.DeadLetterRecord;
import org.hyperiot.streaming.engine.LateRecord;
import org.hyperiot.streaming.engine.TaskOutput;
import org.openjdk.jmh.infra.Blackhole;

/** Hands every output to JMH so that nothing is optimised away, and counts results. */
final class BlackholeOutput implements TaskOutput {

    private final Blackhole blackhole;
    long results;

    BlackholeOutput(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void result(StreamRecord record) {
        results++;
        blackhole.consume(record);
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
