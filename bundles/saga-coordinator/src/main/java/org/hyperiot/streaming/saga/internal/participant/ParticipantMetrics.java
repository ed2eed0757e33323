package org.hyperiot.streaming.saga.internal.participant;

import java.util.concurrent.atomic.LongAdder;

/** What this node's instance of a participant did. Read by any thread. */
public final class ParticipantMetrics {

    private final LongAdder commands = new LongAdder();
    private final LongAdder executed = new LongAdder();
    private final LongAdder repeated = new LongAdder();
    private final LongAdder expired = new LongAdder();

    void answered(int commandCount, int executedCount) {
        commands.add(commandCount);
        executed.add(executedCount);
    }

    void repeated() {
        repeated.increment();
    }

    void expired() {
        expired.increment();
    }

    /** Commands consumed and committed. */
    public long commands() {
        return commands.sum();
    }

    /** Commands that reached the participant. */
    public long executed() {
        return executed.sum();
    }

    /** Commands answered again from the record of handled commands, without reaching the participant. */
    public long repeatedCommands() {
        return repeated.sum();
    }

    /** Commands not started because their deadline had passed. */
    public long expiredCommands() {
        return expired.sum();
    }
}
