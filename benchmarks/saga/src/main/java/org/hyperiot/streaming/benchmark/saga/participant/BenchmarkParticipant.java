package org.hyperiot.streaming.benchmark.saga.participant;

import java.util.Map;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.hyperiot.streaming.api.saga.SagaReply;

/**
 * A participant that does nothing and has no effect: every action and compensation succeeds at once
 * with an empty output. What the benchmark measures is then the saga machinery alone (commands,
 * replies, handled-command notes, saga log), the same work the raw loop's participants do.
 */
abstract class BenchmarkParticipant implements SagaParticipant {

    @Override
    public SagaReply execute(SagaCommand command) {
        return SagaReply.success(Map.of());
    }
}
