package org.hyperiot.streaming.benchmark.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.saga.internal.definition.SagaDefinitionJson;
import org.hyperiot.streaming.saga.internal.machine.SagaEvent;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.hyperiot.streaming.saga.internal.machine.Transition;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEventCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.junit.jupiter.api.Test;

/**
 * The benchmark talks to the node through the coordinator's wire formats, not its REST API: these tests
 * hold what it writes and reads to the coordinator's own codecs and state machine, so a change of the
 * formats fails the build rather than a run.
 */
class HyperIotWireFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What POST /saga-definitions answers: the definition in the coordinator's own JSON. */
    private static JsonNode storedDefinition() throws Exception {
        SagaDefinitionJson format = new SagaDefinitionJson();
        return JSON.readTree(format.write(format.read(BenchmarkSaga.definition(JSON).toString())));
    }

    @Test
    void theFeedsStartIsACoordinatorStartWithTheDefinitionAndTheInput() throws Exception {
        byte[] value = StartEvents.hyperIot(JSON, storedDefinition()).encode(17);

        CoordinatorEvent event = new CoordinatorEventCodec().decode(value);

        assertThat(event).isInstanceOf(CoordinatorEvent.Start.class);
        CoordinatorEvent.Start start = (CoordinatorEvent.Start) event;
        assertThat(start.definition().name()).isEqualTo(BenchmarkSaga.NAME);
        assertThat(start.definition().steps()).hasSize(3);
        assertThat(start.input()).containsEntry("orderId", "o-17").containsEntry("amount", 25L);
        assertThat(TopLevelMember.text(value, "type")).isEqualTo("start");
    }

    @Test
    void aSagaWithoutRetriesWritesFourLogRecordsAndThreeCommandsAndTheObserverReadsItsStates() throws Exception {
        CoordinatorEvent.Start start = (CoordinatorEvent.Start) new CoordinatorEventCodec()
                .decode(StartEvents.hyperIot(JSON, storedDefinition()).encode(3));
        SagaStateMachine machine = new SagaStateMachine(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        SagaLogCodec log = new SagaLogCodec();
        String sagaId = SagaIds.id("t1h", 3);

        List<String> states = new ArrayList<>();
        List<SagaCommand> commands = new ArrayList<>();
        Transition transition = machine.start(sagaId, start.definition(), start.input());
        while (true) {
            byte[] value = log.encode(new SagaLogRecord(transition.saga(), start.requestId()));
            states.add(TopLevelMember.text(value, "state"));
            commands.addAll(transition.commands());
            if (transition.commands().isEmpty()) {
                break;
            }
            SagaCommand command = transition.commands().get(0);
            transition = machine.apply(transition.saga(),
                    new SagaEvent.ReplyReceived(command.commandId(), command.attempt(), SagaReply.success()));
        }

        assertThat(states).containsExactly("RUNNING", "RUNNING", "RUNNING", "COMPLETED");
        assertThat(commands).extracting(SagaCommand::participant).containsExactlyElementsOf(BenchmarkSaga.participants());
        // Commands and handled notes are keyed by saga id and command id: both lead back to the run and the saga.
        assertThat(commands).allSatisfy(command -> {
            assertThat(SagaIds.tagOf(command.commandId())).isEqualTo("t1h");
            assertThat(SagaIds.indexOf(command.commandId())).isEqualTo(3);
        });
    }

    @Test
    void aReplyOnTheEventsTopicIsRecognisedAsOne() {
        byte[] value = new CoordinatorEventCodec().encode(new CoordinatorEvent.Reply("s-1/reserve/execute/reserve", 1,
                SagaReply.success()));

        assertThat(TopLevelMember.text(value, "type")).isEqualTo("reply");
    }
}
