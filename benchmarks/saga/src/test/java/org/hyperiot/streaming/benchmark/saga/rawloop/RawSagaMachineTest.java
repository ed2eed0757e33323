package org.hyperiot.streaming.benchmark.saga.rawloop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.benchmark.saga.BenchmarkSaga;
import org.junit.jupiter.api.Test;

class RawSagaMachineTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RawSagaMachine machine = new RawSagaMachine(JSON, BenchmarkSaga.STEPS, 60_000);

    private JsonNode reply(RawSaga saga, String outcome, int attempt) {
        ObjectNode event = JSON.createObjectNode().put("type", "reply").put("commandId", machine.commandId(saga))
                .put("attempt", attempt);
        event.putObject("reply").put("outcome", outcome).putObject("output");
        return event;
    }

    private JsonNode success(RawSaga saga) {
        return reply(saga, "SUCCESS", saga.attempt());
    }

    @Test
    void runsTheStepsInOrderAndCompletes() throws Exception {
        RawSagaMachine.Outcome outcome = machine.start("t1r-0", "req", BenchmarkSaga.input(JSON, 0), 1000);
        StringBuilder participants = new StringBuilder();
        int logWrites = 1;
        while (outcome.command() != null) {
            participants.append(outcome.command().participant()).append(' ');
            JsonNode command = JSON.readTree(machine.command(outcome.saga()));
            assertThat(command.path("sagaId").asText()).isEqualTo("t1r-0");
            assertThat(command.path("data").path("orderId").asText()).isEqualTo("o-0");
            outcome = machine.reply(outcome.saga(), success(outcome.saga()), 2000);
            logWrites++;
        }

        assertThat(participants.toString().trim()).isEqualTo("bench-inventory bench-payments bench-shipping");
        assertThat(outcome.saga().state()).isEqualTo(RawSaga.COMPLETED);
        assertThat(outcome.saga().settled()).isTrue();
        assertThat(logWrites).isEqualTo(4);
    }

    @Test
    void mergesAStepsOutputIntoTheDataOfTheNextCommand() throws Exception {
        RawSaga saga = machine.start("t1r-1", "req", BenchmarkSaga.input(JSON, 1), 1000).saga();
        ObjectNode event = (ObjectNode) success(saga);
        ((ObjectNode) event.path("reply").path("output")).put("reservationId", "res-o-1");

        RawSagaMachine.Outcome next = machine.reply(saga, event, 1100);

        assertThat(JSON.readTree(machine.command(next.saga())).path("data").path("reservationId").asText())
                .isEqualTo("res-o-1");
        assertThat(saga.data().has("reservationId")).isFalse();
    }

    @Test
    void ignoresARepliesOfAnotherCommandOrAttempt() {
        RawSaga saga = machine.start("t1r-2", "req", BenchmarkSaga.input(JSON, 2), 1000).saga();
        ObjectNode other = (ObjectNode) success(saga);
        other.put("commandId", "t1r-2/charge/execute/charge");

        assertThat(machine.reply(saga, other, 1100)).isNull();
        assertThat(machine.reply(saga, reply(saga, "SUCCESS", 2), 1100)).isNull();
    }

    @Test
    void retriesARetryableFailureThenGivesUp() {
        RawSaga saga = machine.start("t1r-3", "req", BenchmarkSaga.input(JSON, 3), 1000).saga();
        for (int attempt = 1; attempt < RawSagaMachine.MAX_ATTEMPTS; attempt++) {
            RawSagaMachine.Outcome retry = machine.reply(saga, reply(saga, "RETRYABLE_FAILURE", attempt), 1100);
            assertThat(retry.command()).isEqualTo(BenchmarkSaga.STEPS.get(0));
            saga = retry.saga();
            assertThat(saga.attempt()).isEqualTo(attempt + 1);
        }

        RawSagaMachine.Outcome last = machine.reply(saga, reply(saga, "RETRYABLE_FAILURE", saga.attempt()), 1200);

        assertThat(last.saga().state()).isEqualTo(RawSaga.FAILED);
        assertThat(last.command()).isNull();
    }

    @Test
    void aFinalFailureOrTheDeadlineEndsTheSaga() {
        RawSaga saga = machine.start("t1r-4", "req", BenchmarkSaga.input(JSON, 4), 1000).saga();

        assertThat(machine.reply(saga, reply(saga, "FINAL_FAILURE", 1), 1100).saga().state()).isEqualTo(RawSaga.FAILED);
        assertThat(saga.deadline()).isEqualTo(61_000);
        assertThat(machine.expire(saga, 61_000).saga().state()).isEqualTo(RawSaga.TIMED_OUT);
    }

    @Test
    void aSagaReadBackFromTheLogIsTheSagaWritten() {
        RawSaga saga = machine.start("t1r-5", "req-5", BenchmarkSaga.input(JSON, 5), 1_700_000_000_123L).saga();
        RawSaga next = machine.reply(saga, success(saga), 1_700_000_000_456L).saga();

        RawSaga restored = machine.fromLog(machine.logValue(next));

        assertThat(restored).isEqualTo(next);
    }
}
