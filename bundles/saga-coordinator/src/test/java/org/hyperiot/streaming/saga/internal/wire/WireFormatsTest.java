package org.hyperiot.streaming.saga.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.saga.internal.machine.CommandIds;
import org.hyperiot.streaming.saga.internal.machine.SagaEvent;
import org.hyperiot.streaming.saga.internal.machine.SagaInstance;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.junit.jupiter.api.Test;

class WireFormatsTest {

    private static final SagaDefinition ORDER = SagaDefinition.builder("order")
            .timeout(Duration.ofMinutes(5))
            .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release").withTimeout(Duration.ofSeconds(10)))
            .parallel(SagaStep.of("charge", "payments", "charge").withCompensation("refund"),
                    SagaStep.of("notify", "mailer", "confirm"))
            .build();

    private final SagaStateMachine machine = new SagaStateMachine(Clock.fixed(Instant.parse("2026-12-06T10:00:00.123456Z"),
            ZoneOffset.UTC));
    private final SagaLogCodec log = new SagaLogCodec();

    @Test
    void aSagaLogValueReadsBackToTheSameSagaAtEveryStage() {
        SagaInstance started = machine.start("s-1", ORDER, Map.of("orderId", "o-1", "amount", 12.5, "items", List.of(1L, 2L))).saga();
        SagaInstance reserved = machine.apply(started, new SagaEvent.ReplyReceived(
                CommandIds.action("s-1", ORDER.step("reserve").orElseThrow()), 1,
                SagaReply.success(Map.of("reservationId", "r-1")))).saga();
        SagaInstance charged = machine.apply(reserved, new SagaEvent.ReplyReceived(
                CommandIds.action("s-1", ORDER.step("charge").orElseThrow()), 1, SagaReply.success(Map.of("paid", true)))).saga();

        for (SagaInstance saga : List.of(started, reserved, charged)) {
            SagaLogRecord read = log.decode(log.encode(new SagaLogRecord(saga, "req-1")));
            assertThat(read.saga()).isEqualTo(saga);
            assertThat(read.startRequestId()).isEqualTo("req-1");
        }
    }

    @Test
    void aCompensatingSagaReadsBackAndValuesWithEveryMemberWrittenOutReadTheSame() throws Exception {
        SagaInstance started = machine.start("s-4", ORDER, Map.of("orderId", "o-4")).saga();
        SagaInstance reserved = machine.apply(started, new SagaEvent.ReplyReceived(
                CommandIds.action("s-4", ORDER.step("reserve").orElseThrow()), 1, SagaReply.success())).saga();
        SagaInstance declined = machine.apply(reserved, new SagaEvent.ReplyReceived(
                CommandIds.action("s-4", ORDER.step("charge").orElseThrow()), 1,
                SagaReply.finalFailure("declined", "card declined"))).saga();
        assertThat(declined.steps()).anyMatch(step -> step.lastError() != null);

        for (SagaInstance saga : List.of(started, reserved, declined)) {
            byte[] value = log.encode(new SagaLogRecord(saga, "req-4"));
            assertThat(log.decode(value).saga()).isEqualTo(saga);
            // As values were written before members at their usual value were left out.
            ObjectNode full = (ObjectNode) WireJson.MAPPER.readTree(value);
            full.withArray("steps").forEach(step -> {
                ObjectNode member = (ObjectNode) step;
                member.putIfAbsent("compensationAttempts", WireJson.MAPPER.getNodeFactory().numberNode(0));
                member.putIfAbsent("compensationRoundStart", WireJson.MAPPER.getNodeFactory().numberNode(0));
                member.putIfAbsent("lastError", WireJson.MAPPER.getNodeFactory().nullNode());
                member.putIfAbsent("unanswered", WireJson.MAPPER.getNodeFactory().booleanNode(false));
            });
            full.withArray("history").forEach(entry -> {
                ObjectNode member = (ObjectNode) entry;
                member.putIfAbsent("step", WireJson.MAPPER.getNodeFactory().nullNode());
                member.putIfAbsent("attempt", WireJson.MAPPER.getNodeFactory().numberNode(0));
                member.putIfAbsent("detail", WireJson.MAPPER.getNodeFactory().nullNode());
            });
            assertThat(WireJson.bytes(full).length).isGreaterThan(value.length);
            assertThat(log.decode(WireJson.bytes(full)).saga()).isEqualTo(saga);
        }
    }

    @Test
    void theSummaryOfALogValueHasTheMembersAListShows() {
        SagaInstance saga = machine.start("s-2", ORDER, Map.of()).saga();
        SagaLogSummary summary = log.summary(log.encode(new SagaLogRecord(saga, "req-2")));

        assertThat(summary.saga()).isEqualTo(saga.info().summary());
        assertThat(summary.saga().state()).isEqualTo(SagaState.RUNNING);
        assertThat(summary.startRequestId()).isEqualTo("req-2");
    }

    @Test
    void theSummaryReadsAValueWhoseMembersComeInAnyOrder() throws Exception {
        SagaInstance saga = machine.start("s-3", ORDER, Map.of("orderId", "o-3")).saga();
        ObjectNode written = (ObjectNode) WireJson.MAPPER.readTree(log.encode(new SagaLogRecord(saga, "req-3")));
        // As the first version of the codec wrote it: the definition before the state, error and times last.
        ObjectNode reordered = WireJson.object();
        for (String member : List.of("format", "id", "startRequest", "definition", "state", "data", "steps", "stage",
                "createdAt", "updatedAt", "deadline", "timers", "history", "error", "revision")) {
            reordered.set(member, written.get(member));
        }
        assertThat(reordered.size()).isEqualTo(written.size());

        SagaLogSummary summary = log.summary(WireJson.bytes(reordered));

        assertThat(summary.saga()).isEqualTo(saga.info().summary());
        assertThat(summary.startRequestId()).isEqualTo("req-3");
        assertThat(log.decode(WireJson.bytes(reordered)).saga()).isEqualTo(saga);
    }

    @Test
    void valuesThatAreNotOursAreRefusedWithTheReason() {
        assertThatThrownBy(() -> log.decode("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> log.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> log.decode("{\"format\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("format 2");
        assertThatThrownBy(() -> log.summary("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("definition");
        assertThatThrownBy(() -> new CoordinatorEventCodec().decode("{\"type\":\"dance\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("dance");
        assertThatThrownBy(() -> SagaCommandCodec.decode("{\"sagaId\":\"s\",\"attempt\":0}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedRecordException.class);
    }

    @Test
    void everyEventReadsBackAsWritten() {
        CoordinatorEventCodec codec = new CoordinatorEventCodec();
        List<CoordinatorEvent> events = List.of(
                new CoordinatorEvent.Start("r", ORDER, Map.of("a", 1L, "nested", Map.of("b", "c"))),
                new CoordinatorEvent.Reply("s/reserve/reserve", 3, SagaReply.finalFailure("CARD_DECLINED", "no")),
                new CoordinatorEvent.Reply("s/reserve/reserve", 1, SagaReply.success(Map.of("x", 2.5))),
                new CoordinatorEvent.Operator(CoordinatorEvent.Verb.SKIP, "o"));
        for (CoordinatorEvent event : events) {
            assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void aCommandReadsBackAsWritten() {
        SagaCommand command = new SagaCommand("s", "order", "reserve", "inventory", "release", true, 2, "s/reserve/release",
                Map.of("orderId", "o"), Instant.parse("2026-12-06T10:00:10Z"));
        assertThat(SagaCommandCodec.decode(SagaCommandCodec.encode(command))).isEqualTo(command);
        SagaCommand noDeadline = new SagaCommand("s", "order", "reserve", "inventory", "reserve", false, 1, "id",
                Map.of(), null);
        assertThat(SagaCommandCodec.decode(SagaCommandCodec.encode(noDeadline))).isEqualTo(noDeadline);
    }
}
