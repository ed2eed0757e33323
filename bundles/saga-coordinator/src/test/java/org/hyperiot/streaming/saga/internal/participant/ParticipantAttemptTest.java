package org.hyperiot.streaming.saga.internal.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaEffect;
import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.saga.internal.SagaTopics;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.GroupConsumer;
import org.hyperiot.streaming.saga.internal.machine.ManualClock;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.TopicContents;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.Transaction;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.TransactionalProducer;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEventCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaCommandCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaReplyCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The participant host's Kafka protocol, one pass of {@link ParticipantAttempt}'s loop at a time, against
 * Kafka's mock clients: what each transaction writes (reply, handled note, effects), which offsets it
 * commits, and how a command answered for good before is answered again without the participant.
 */
class ParticipantAttemptTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final String NAME = "payments";
    private static final String COMMANDS = SagaTopics.commands(NAME);
    private static final String HANDLED = SagaTopics.handled(NAME);
    private static final String LEDGER = "payments-ledger";
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration HANDLED_RETENTION = Duration.ofDays(7);

    private final ManualClock clock = new ManualClock(T0);
    private final GroupConsumer consumer = new GroupConsumer(SagaTopics.participantGroup(NAME), COMMANDS, 3);
    private final TransactionalProducer producer = new TransactionalProducer();
    private final TopicContents kafka = new TopicContents();
    private final ParticipantMetrics metrics = new ParticipantMetrics();
    private final RecordingParticipant payments = new RecordingParticipant();
    private final CoordinatorEventCodec events = new CoordinatorEventCodec();

    @Test
    void aCommandIsAnsweredInOneTransactionWithItsReplyItsHandledNoteItsEffectsAndItsOffset() {
        consumer.beforePoll(() -> {
            consumer.assign(0, 1, 2);
            consumer.deliver(2, 5, "order-1", charge("order-1", 1));
        });

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).extracting(SagaCommand::commandId).containsExactly(chargeId("order-1"));
        Transaction transaction = producer.onlyTransaction();
        ProducerRecord<String, byte[]> replied = transaction.single(SagaTopics.EVENTS);
        assertThat(replied.key()).isEqualTo("order-1");
        CoordinatorEvent.Reply reply = (CoordinatorEvent.Reply) events.decode(replied.value());
        assertThat(reply.commandId()).isEqualTo(chargeId("order-1"));
        assertThat(reply.attempt()).isEqualTo(1);
        assertThat(reply.reply().outcome()).isEqualTo(SagaReply.Outcome.SUCCESS);
        assertThat(reply.reply().output()).containsEntry("paid", true);

        ProducerRecord<String, byte[]> note = transaction.single(HANDLED);
        assertThat(note.partition()).as("the partition number of the command").isEqualTo(2);
        assertThat(note.key()).isEqualTo(chargeId("order-1"));
        assertThat(SagaReplyCodec.decode(note.value()).output()).containsEntry("paid", true);

        ProducerRecord<String, byte[]> effect = transaction.single(LEDGER);
        assertThat(effect.key()).isEqualTo("order-1");
        assertThat(new String(effect.value(), StandardCharsets.UTF_8)).isEqualTo("{\"charged\":12}");

        assertThat(transaction.records()).hasSize(3);
        assertThat(transaction.offsets()).as("past the command, and every other owned partition where it is")
                .isEqualTo(Map.of(consumer.partition(0), 0L, consumer.partition(1), 0L, consumer.partition(2), 6L));
        assertThat(transaction.group()).isEqualTo(consumer.groupMetadata());
        assertThat(metrics.executed()).isEqualTo(1);
    }

    @Test
    void aCommandAnsweredForGoodIsAnsweredAgainFromTheRecordUnderTheNewAttemptWithoutTheParticipant() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
        });
        consumer.beforePoll(() -> consumer.deliver(0, 1, "order-1", charge("order-1", 2)));

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).as("the participant is called once").hasSize(1);
        List<Transaction> transactions = producer.committedTransactions();
        assertThat(transactions).hasSize(2);
        Transaction again = transactions.get(1);
        CoordinatorEvent.Reply reply = (CoordinatorEvent.Reply) events.decode(again.single(SagaTopics.EVENTS).value());
        assertThat(reply.attempt()).as("the attempt asked about").isEqualTo(2);
        assertThat(reply.reply().outcome()).isEqualTo(SagaReply.Outcome.SUCCESS);
        assertThat(reply.reply().output()).containsEntry("paid", true);
        assertThat(again.to(LEDGER)).as("no second effect").isEmpty();
        assertThat(again.to(HANDLED)).isEmpty();
        assertThat(again.offsets()).isEqualTo(Map.of(consumer.partition(0), 2L));
        assertThat(producer.history().stream().filter(record -> record.topic().equals(LEDGER))).hasSize(1);
        assertThat(metrics.repeatedCommands()).isEqualTo(1);
        assertThat(metrics.executed()).isEqualTo(1);
    }

    @Test
    void aCommandAnsweredLongerAgoThanTheRetentionIsForgottenAsTheTopicForgetsIt() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1, null));
        });
        consumer.beforePoll(() -> consumer.deliver(0, 1, "order-1", charge("order-1", 2, null)));
        consumer.beforePoll(() -> {
            clock.advance(HANDLED_RETENTION.plusSeconds(1));
            consumer.deliver(0, 2, "order-2", charge("order-2", 1, null));
        });
        consumer.beforePoll(() -> consumer.deliver(0, 3, "order-1", charge("order-1", 3, null)));

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).extracting(SagaCommand::sagaId, SagaCommand::attempt)
                .as("remembered within the retention, forgotten after it")
                .containsExactly(tuple("order-1", 1), tuple("order-2", 1), tuple("order-1", 3));
        assertThat(metrics.repeatedCommands()).isEqualTo(1);
    }

    @Test
    void theSameCommandTwiceInOneBatchReachesTheParticipantOnce() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
            consumer.deliver(0, 1, "order-1", charge("order-1", 2));
        });

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).hasSize(1);
        Transaction transaction = producer.onlyTransaction();
        assertThat(transaction.to(SagaTopics.EVENTS)).extracting(record -> ((CoordinatorEvent.Reply) events.decode(record.value())).attempt())
                .containsExactly(1, 2);
        assertThat(transaction.to(HANDLED)).hasSize(1);
        assertThat(transaction.to(LEDGER)).hasSize(1);
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 2L));
    }

    @Test
    void aRetryableFailureIsNotRecordedSoTheNextAttemptReachesTheParticipant() {
        payments.answer = command -> command.attempt() == 1 ? SagaReply.retryableFailure("BUSY", "try later") : paid(command);
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
        });
        consumer.beforePoll(() -> consumer.deliver(0, 1, "order-1", charge("order-1", 2)));

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).extracting(SagaCommand::attempt).containsExactly(1, 2);
        List<Transaction> transactions = producer.committedTransactions();
        assertThat(transactions).hasSize(2);
        Transaction failed = transactions.get(0);
        assertThat(replyIn(failed).reply().outcome()).isEqualTo(SagaReply.Outcome.RETRYABLE_FAILURE);
        assertThat(failed.to(HANDLED)).isEmpty();
        Transaction succeeded = transactions.get(1);
        assertThat(replyIn(succeeded).attempt()).isEqualTo(2);
        assertThat(replyIn(succeeded).reply().outcome()).isEqualTo(SagaReply.Outcome.SUCCESS);
        assertThat(succeeded.to(HANDLED)).hasSize(1);
        assertThat(succeeded.to(LEDGER)).hasSize(1);
    }

    @Test
    void aParticipantThatThrowsGivesARetryableFailure() {
        payments.answer = command -> {
            throw new IllegalStateException("card service down");
        };
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
        });

        attempt().run(consumer.untilScriptEnds());

        Transaction transaction = producer.onlyTransaction();
        SagaReply reply = replyIn(transaction).reply();
        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.RETRYABLE_FAILURE);
        assertThat(reply.code()).isEqualTo("PARTICIPANT_EXCEPTION");
        assertThat(reply.reason()).contains("card service down");
        assertThat(transaction.to(HANDLED)).isEmpty();
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 1L));
        assertThat(producer.aborts()).isZero();
    }

    @ParameterizedTest(name = "effect to {0}")
    @ValueSource(strings = {"__consumer_offsets", "hyperiot-saga-x", "hyperiot-saga-events", "not a topic"})
    void anEffectToATopicItMayNotWriteIsAFinalFailureAndNothingOfItIsWritten(String topic) {
        payments.answer = command -> SagaReply.success(Map.of("paid", true),
                List.of(new SagaEffect(LEDGER, command.sagaId(), "{}"), new SagaEffect(topic, command.sagaId(), "{}")));
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
        });

        attempt().run(consumer.untilScriptEnds());

        Transaction transaction = producer.onlyTransaction();
        SagaReply reply = replyIn(transaction).reply();
        assertThat(reply.outcome()).isEqualTo(SagaReply.Outcome.FINAL_FAILURE);
        assertThat(reply.code()).isEqualTo("INVALID_EFFECT");
        assertThat(transaction.records()).extracting(ProducerRecord::topic).as("no effect, not even the legal one")
                .containsExactlyInAnyOrder(SagaTopics.EVENTS, HANDLED);
        assertThat(SagaReplyCodec.decode(transaction.single(HANDLED).value()).code()).isEqualTo("INVALID_EFFECT");
    }

    @Test
    void aCommandPastItsDeadlineIsNotStartedNorAnsweredButItsOffsetIsCommitted() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1, T0.minusMillis(1)));
            consumer.deliver(0, 1, "order-2", charge("order-2", 1, T0.plusSeconds(1)));
        });

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).extracting(SagaCommand::sagaId).containsExactly("order-2");
        Transaction transaction = producer.onlyTransaction();
        assertThat(transaction.to(SagaTopics.EVENTS)).extracting(ProducerRecord::key).containsExactly("order-2");
        assertThat(transaction.to(HANDLED)).extracting(ProducerRecord::key).containsExactly(chargeId("order-2"));
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 2L));
        assertThat(metrics.expiredCommands()).isEqualTo(1);
    }

    @Test
    void stoppingInTheMiddleOfABatchAbortsItAndSeeksBackToItsFirstCommand() {
        consumer.beforePoll(() -> {
            consumer.assign(0, 1);
            consumer.deliver(0, 3, "order-1", charge("order-1", 1));
            consumer.deliver(0, 4, "order-2", charge("order-2", 1));
            consumer.deliver(0, 5, "order-3", charge("order-3", 1));
        });
        BooleanSupplier script = consumer.untilScriptEnds();
        payments.stopAfter = 2;

        attempt().run(() -> script.getAsBoolean() && !payments.stopped());

        assertThat(payments.received).as("nothing after the stop").hasSize(2);
        assertThat(producer.committedTransactions()).isEmpty();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.aborts()).isEqualTo(1);
        assertThat(consumer.position(0)).as("the batch's first command").isEqualTo(3);
        assertThat(consumer.position(1)).isZero();
    }

    @Test
    void aSlowParticipantsBatchIsCommittedInSeveralTransactionsEachCoveringTheCommandsAnsweredSoFar() {
        payments.answer = command -> {
            // Longer than a third of the 3 ms transaction timeout: each command ends its transaction.
            sleep(Duration.ofMillis(5));
            return paid(command);
        };
        consumer.beforePoll(() -> {
            consumer.assign(0, 1);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
            consumer.deliver(0, 1, "order-2", charge("order-2", 1));
            consumer.deliver(0, 2, "order-3", charge("order-3", 1));
        });

        attempt(Duration.ofMillis(3)).run(consumer.untilScriptEnds());

        List<Transaction> transactions = producer.committedTransactions();
        assertThat(transactions).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Transaction transaction = transactions.get(i);
            assertThat(transaction.to(SagaTopics.EVENTS)).extracting(ProducerRecord::key).containsExactly("order-" + (i + 1));
            assertThat(transaction.to(HANDLED)).hasSize(1);
            assertThat(transaction.offsets()).as("transaction %d", i)
                    .isEqualTo(Map.of(consumer.partition(0), i + 1L, consumer.partition(1), 0L));
        }
        assertThat(producer.aborts()).isZero();
    }

    @Test
    void aRefusedTransactionIsAbortedAndItsCommandsReachTheParticipantAgainWhenReadAgain() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
            producer.commitTransactionException = new CommitFailedException();
        });
        long[] positionAfterAbort = new long[1];
        consumer.beforePoll(() -> {
            positionAfterAbort[0] = consumer.position(0);
            producer.commitTransactionException = null;
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
        });

        attempt().run(consumer.untilScriptEnds());

        assertThat(positionAfterAbort[0]).isZero();
        assertThat(producer.aborts()).isEqualTo(1);
        assertThat(payments.received).as("the aborted answer applied nothing, so it runs again").hasSize(2);
        Transaction transaction = producer.onlyTransaction();
        assertThat(transaction.to(HANDLED)).hasSize(1);
        assertThat(transaction.to(LEDGER)).hasSize(1);
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 1L));
    }

    @Test
    void handledNotesRestoredOnAssignmentAnswerARedeliveredCommandFromTheRecord() {
        kafka.append(HANDLED, 1, chargeId("order-1"), SagaReplyCodec.encode(SagaReply.success(Map.of("paid", "earlier"))));
        kafka.append(HANDLED, 1, chargeId("order-2"), SagaReplyCodec.encode(SagaReply.success()));
        kafka.append(HANDLED, 1, chargeId("order-2"), null);
        kafka.append(HANDLED, 1, null, SagaReplyCodec.encode(SagaReply.success()));
        kafka.append(HANDLED, 1, chargeId("order-3"), "{not json".getBytes(StandardCharsets.UTF_8));
        consumer.beforePoll(() -> {
            consumer.assign(1);
            consumer.deliver(1, 0, "order-1", charge("order-1", 3));
            consumer.deliver(1, 1, "order-2", charge("order-2", 1));
        });

        attempt().run(consumer.untilScriptEnds());

        assertThat(payments.received).as("order-2's note was removed").extracting(SagaCommand::sagaId)
                .containsExactly("order-2");
        Transaction transaction = producer.onlyTransaction();
        List<CoordinatorEvent.Reply> replies = transaction.to(SagaTopics.EVENTS).stream()
                .map(record -> (CoordinatorEvent.Reply) events.decode(record.value())).toList();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(0).commandId()).isEqualTo(chargeId("order-1"));
        assertThat(replies.get(0).attempt()).isEqualTo(3);
        assertThat(replies.get(0).reply().output()).containsEntry("paid", "earlier");
        assertThat(transaction.to(HANDLED)).extracting(ProducerRecord::key).containsExactly(chargeId("order-2"));
        assertThat(kafka.readersHandedOut()).hasSize(1).allMatch(MockConsumer::closed);
        assertThat(metrics.repeatedCommands()).isEqualTo(1);
    }

    @Test
    void everyCommandCommittedIsCounted() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", charge("order-1", 1));
            consumer.deliver(0, 1, "order-2", charge("order-2", 1));
            consumer.deliver(0, 2, "order-3", charge("order-3", 1));
        });

        attempt().run(consumer.untilScriptEnds());

        assertThat(producer.committedTransactions()).hasSize(1);
        assertThat(metrics.executed()).isEqualTo(3);
        assertThat(metrics.commands()).isEqualTo(3);
    }

    // ---- helpers

    private ParticipantAttempt attempt() {
        return attempt(TRANSACTION_TIMEOUT);
    }

    private ParticipantAttempt attempt(Duration transactionTimeout) {
        return new ParticipantAttempt(NAME, payments, consumer, producer, kafka.readers(),
                new KafkaMocks.OpenTransactions().watch(Duration.ofMillis(1)), clock,
                new ParticipantDurations(Duration.ofSeconds(5), transactionTimeout, HANDLED_RETENTION), metrics);
    }

    private CoordinatorEvent.Reply replyIn(Transaction transaction) {
        return (CoordinatorEvent.Reply) events.decode(transaction.single(SagaTopics.EVENTS).value());
    }

    private static byte[] charge(String sagaId, int attempt) {
        return charge(sagaId, attempt, T0.plusSeconds(30));
    }

    private static byte[] charge(String sagaId, int attempt, Instant deadline) {
        return SagaCommandCodec.encode(new SagaCommand(sagaId, "order", "charge", NAME, "charge", false, attempt,
                chargeId(sagaId), Map.of("amount", 12), deadline));
    }

    private static String chargeId(String sagaId) {
        return sagaId + "/charge/execute/charge";
    }

    private static SagaReply paid(SagaCommand command) {
        return SagaReply.success(Map.of("paid", true),
                List.of(new SagaEffect(LEDGER, command.sagaId(), "{\"charged\":" + command.data().get("amount") + "}")));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Pays every charge and writes it to the ledger, unless told otherwise; keeps what it was asked. */
    private static final class RecordingParticipant implements SagaParticipant {

        final List<SagaCommand> received = new ArrayList<>();
        Function<SagaCommand, SagaReply> answer = ParticipantAttemptTest::paid;
        int stopAfter = Integer.MAX_VALUE;

        @Override
        public SagaReply execute(SagaCommand command) {
            received.add(command);
            return answer.apply(command);
        }

        /** Whether the host should be stopping: it was asked to stop once this participant had answered enough. */
        boolean stopped() {
            return received.size() >= stopAfter;
        }
    }
}
