package org.hyperiot.streaming.saga.internal.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.ATTEMPT_TIMED_OUT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.COMMAND_SENT;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.SAGA_STARTED;
import static org.hyperiot.streaming.api.saga.SagaHistoryEntry.Kind.STEP_COMPLETED;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.hyperiot.streaming.api.saga.RetryPolicy;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.api.saga.SagaDefinition;
import org.hyperiot.streaming.api.saga.SagaHistoryEntry;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.api.saga.SagaState;
import org.hyperiot.streaming.api.saga.SagaStep;
import org.hyperiot.streaming.api.saga.SagaStepState;
import org.hyperiot.streaming.kafka.support.InMemoryTopicAdmin;
import org.hyperiot.streaming.saga.internal.SagaTopicSetup;
import org.hyperiot.streaming.saga.internal.SagaTopics;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.GroupConsumer;
import org.hyperiot.streaming.saga.internal.machine.ManualClock;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.TopicContents;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.Transaction;
import org.hyperiot.streaming.saga.internal.coordinator.KafkaMocks.TransactionalProducer;
import org.hyperiot.streaming.saga.internal.machine.CommandIds;
import org.hyperiot.streaming.saga.internal.machine.SagaEvent;
import org.hyperiot.streaming.saga.internal.machine.SagaInstance;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEventCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaCommandCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The coordinator's Kafka protocol, one pass of {@link CoordinatorAttempt}'s loop at a time, against
 * Kafka's mock clients: what each transaction writes, which offsets it commits with which group
 * metadata, and what happens when Kafka refuses it.
 */
class CoordinatorAttemptTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final int PARTITIONS = 3;
    private static final Duration RETENTION = Duration.ofHours(1);
    /** Reserve (5 s per attempt, a second attempt 1 s after a failure), then charge. */
    private static final SagaDefinition ORDER = SagaDefinition.builder("order")
            .timeout(Duration.ofMinutes(5))
            .step(SagaStep.of("reserve", "inventory", "reserve").withCompensation("release")
                    .withTimeout(Duration.ofSeconds(5))
                    .withRetry(RetryPolicy.exponential(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 2)))
            .step("charge", "payments", "charge", "refund")
            .build();

    private final ManualClock clock = new ManualClock(T0);
    private final GroupConsumer consumer = new GroupConsumer(SagaTopics.COORDINATOR_GROUP, SagaTopics.EVENTS, PARTITIONS);
    private final TransactionalProducer producer = new TransactionalProducer();
    private final TopicContents kafka = new TopicContents();
    private final InMemoryTopicAdmin admin = new InMemoryTopicAdmin();
    private final CoordinatorMetrics metrics = new CoordinatorMetrics();
    private final KafkaMocks.OpenTransactions transactions = new KafkaMocks.OpenTransactions();
    private final CoordinatorAttempt attempt = new CoordinatorAttempt(consumer, producer, kafka.readers(),
            transactions.watch(Duration.ofMillis(1)), new SagaTopicSetup(admin, PARTITIONS, (short) 1, Duration.ofDays(7).toMillis()), clock,
            Duration.ofSeconds(5), RETENTION, metrics);
    private final CoordinatorEventCodec events = new CoordinatorEventCodec();
    private final SagaLogCodec logCodec = new SagaLogCodec();

    @Test
    void aStartIsOneTransactionWithTheSagaOnTheLogPartitionOfItsEventItsFirstCommandAndTheEventsOffsets() {
        consumer.beforePoll(() -> {
            consumer.assign(0, 1);
            consumer.deliver(1, 0, "order-1", start("r1"));
        });

        attempt.run(consumer.untilScriptEnds());

        Transaction transaction = producer.onlyTransaction();
        ProducerRecord<String, byte[]> logged = transaction.single(SagaTopics.LOG);
        assertThat(logged.partition()).as("the log partition of events partition 1").isEqualTo(1);
        assertThat(logged.key()).isEqualTo("order-1");
        SagaLogRecord saga = logCodec.decode(logged.value());
        assertThat(saga.startRequestId()).isEqualTo("r1");
        assertThat(saga.saga().id()).isEqualTo("order-1");
        assertThat(saga.saga().state()).isEqualTo(SagaState.RUNNING);
        assertThat(saga.saga().progress("reserve").state()).isEqualTo(SagaStepState.RUNNING);

        ProducerRecord<String, byte[]> sent = transaction.single(SagaTopics.commands("inventory"));
        assertThat(sent.key()).isEqualTo("order-1");
        SagaCommand command = SagaCommandCodec.decode(sent.value());
        assertThat(command.step()).isEqualTo("reserve");
        assertThat(command.action()).isEqualTo("reserve");
        assertThat(command.attempt()).isEqualTo(1);
        assertThat(command.commandId()).isEqualTo(actionId("order-1", "reserve"));
        assertThat(command.data()).containsEntry("order", 1L);
        assertThat(transaction.records()).hasSize(2);

        assertThat(transaction.offsets()).as("the position after the event, and partition 0 where it is")
                .isEqualTo(Map.of(consumer.partition(0), 0L, consumer.partition(1), 1L));
        assertThat(transaction.group()).isEqualTo(consumer.groupMetadata());
        assertThat(admin.topic(SagaTopics.commands("inventory"))).as("the commands topic is created").isPresent();
        assertThat(metrics.transactions()).isEqualTo(1);
        assertThat(metrics.commandsSent()).isEqualTo(1);
    }

    @Test
    void aPassWithOnlyADueTimerFiresItAndStillCommitsTheOffsetsOfEveryAssignedPartition() {
        consumer.beforePoll(() -> {
            consumer.assign(0, 1);
            consumer.deliver(0, 0, "order-1", start("r1"));
        });
        consumer.beforePoll(() -> clock.advance(Duration.ofSeconds(4)));
        consumer.beforePoll(() -> clock.advance(Duration.ofSeconds(2)));

        attempt.run(consumer.untilScriptEnds());

        assertThat(producer.committedTransactions()).as("the start, then the step's time-out alone; nothing before it was due")
                .hasSize(2);
        Transaction timeout = producer.committedTransactions().get(1);
        assertThat(timeout.offsets()).as("every assigned partition, so that a zombie cannot commit")
                .isEqualTo(Map.of(consumer.partition(0), 1L, consumer.partition(1), 0L));
        assertThat(timeout.group()).isEqualTo(consumer.groupMetadata());
        ProducerRecord<String, byte[]> logged = timeout.single(SagaTopics.LOG);
        assertThat(logged.partition()).isZero();
        SagaInstance saga = logCodec.decode(logged.value()).saga();
        assertThat(kinds(saga)).containsSubsequence(SAGA_STARTED, COMMAND_SENT, ATTEMPT_TIMED_OUT);
        assertThat(saga.progress("reserve").state()).isEqualTo(SagaStepState.WAITING_TO_RETRY);
        assertThat(saga.progress("reserve").lastError()).startsWith(RetryPolicy.TIMEOUT_CODE);
        assertThat(timeout.to(SagaTopics.commands("inventory"))).as("the retry waits for its back-off").isEmpty();
        assertThat(metrics.timeouts()).isEqualTo(1);
    }

    @ParameterizedTest(name = "refused by {0}")
    @ValueSource(strings = {"sendOffsetsToTransaction", "commitTransaction"})
    void aTransactionTheGroupRefusesIsAbortedAndItsStagedSagasAreForgotten(String refusedBy) {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", start("r1"));
            refuse(refusedBy, new CommitFailedException());
        });
        // The same start, sent again (the requesting node retried): had the aborted saga stayed staged, it would be
        // taken for a repeat and ignored.
        consumer.beforePoll(() -> {
            refuse(refusedBy, null);
            consumer.deliver(0, 1, "order-1", start("r1"));
        });

        attempt.run(consumer.untilScriptEnds());

        assertThat(producer.aborts()).isEqualTo(1);
        Transaction transaction = producer.onlyTransaction();
        SagaLogRecord saga = logCodec.decode(transaction.single(SagaTopics.LOG).value());
        assertThat(saga.saga().state()).isEqualTo(SagaState.RUNNING);
        assertThat(kinds(saga.saga())).as("a fresh start, not the aborted one carried on")
                .containsExactly(SAGA_STARTED, COMMAND_SENT);
        assertThat(transaction.single(SagaTopics.commands("inventory")).key()).isEqualTo("order-1");
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 2L));
        assertThat(metrics.transactions()).as("only the committed transaction counts").isEqualTo(1);
        assertThat(metrics.commandsSent()).isEqualTo(1);
    }

    @Test
    void aTransactionTheGroupRefusesIsReadAgainFromItsFirstEvent() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", start("r1"));
            consumer.deliver(0, 1, "order-2", start("r2"));
            producer.commitTransactionException = new CommitFailedException();
        });
        long[] positionAfterAbort = new long[1];
        consumer.beforePoll(() -> {
            positionAfterAbort[0] = consumer.position(0);
            producer.commitTransactionException = null;
            // What the broker returns once the consumer has sought back: the same events, from the same offsets.
            consumer.deliver(0, 0, "order-1", start("r1"));
            consumer.deliver(0, 1, "order-2", start("r2"));
        });

        attempt.run(consumer.untilScriptEnds());

        assertThat(positionAfterAbort[0]).as("where the aborted transaction began").isZero();
        Transaction transaction = producer.onlyTransaction();
        assertThat(transaction.to(SagaTopics.LOG)).extracting(ProducerRecord::key).containsExactlyInAnyOrder("order-1", "order-2");
        assertThat(transaction.to(SagaTopics.commands("inventory"))).extracting(ProducerRecord::key)
                .containsExactlyInAnyOrder("order-1", "order-2");
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 2L));
        assertThat(metrics.commandsSent()).isEqualTo(2);
    }

    @Test
    void aFencedProducerEndsTheAttemptWithoutCommitting() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", start("r1"));
            producer.fenceProducer();
        });

        assertThatThrownBy(() -> attempt.run(consumer.untilScriptEnds())).isInstanceOf(ProducerFencedException.class);

        assertThat(producer.committedTransactions()).isEmpty();
        assertThat(producer.history()).isEmpty();
        assertThat(metrics.transactions()).isZero();
    }

    @Test
    void aProducerFencedAtCommitEndsTheAttemptAndAbortsTheTransaction() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", start("r1"));
            producer.commitTransactionException = new ProducerFencedException("a newer coordinator has this transactional id");
        });
        consumer.beforePoll(() -> consumer.deliver(0, 1, "order-2", start("r2")));

        assertThatThrownBy(() -> attempt.run(consumer.untilScriptEnds())).isInstanceOf(ProducerFencedException.class);

        assertThat(producer.transactionCommitted()).isFalse();
        assertThat(producer.committedTransactions()).isEmpty();
        assertThat(producer.history()).isEmpty();
        assertThat(producer.aborts()).isEqualTo(1);
        assertThat(metrics.transactions()).isZero();
    }

    @Test
    void aRestoredSagaWithAPendingTimerFiresItWhenDue() {
        restore(0, started("order-7", "r7"));
        consumer.beforePoll(() -> consumer.assign(0, 1));
        consumer.beforePoll(() -> clock.advance(Duration.ofSeconds(4)));
        consumer.beforePoll(() -> clock.advance(Duration.ofSeconds(2)));

        attempt.run(consumer.untilScriptEnds());

        Transaction timeout = producer.onlyTransaction();
        ProducerRecord<String, byte[]> logged = timeout.single(SagaTopics.LOG);
        assertThat(logged.partition()).isZero();
        assertThat(logged.key()).isEqualTo("order-7");
        SagaLogRecord saga = logCodec.decode(logged.value());
        assertThat(saga.startRequestId()).isEqualTo("r7");
        assertThat(kinds(saga.saga())).as("the restored history, carried on").containsExactly(SAGA_STARTED, COMMAND_SENT,
                ATTEMPT_TIMED_OUT, SagaHistoryEntry.Kind.RETRY_SCHEDULED);
        assertThat(timeout.offsets()).isEqualTo(Map.of(consumer.partition(0), 0L, consumer.partition(1), 0L));
        assertThat(kafka.readersHandedOut()).hasSize(1).allMatch(MockConsumer::closed);
        assertThat(attempt.liveSagas()).isEqualTo(Map.of(0, 1, 1, 0));
    }

    @Test
    void aTransactionHangingOnATakenLogPartitionIsAbortedBeforeTheRestore() {
        transactions.hanging(new TopicPartition(SagaTopics.LOG, 2), 77);
        restore(2, started("order-7", "r7"));
        consumer.beforePoll(() -> consumer.assign(2));

        attempt.run(consumer.untilScriptEnds());

        assertThat(transactions.aborts()).containsExactly(SagaTopics.LOG + "-2 77");
        assertThat(attempt.liveSagas()).containsEntry(2, 1);
    }

    @Test
    void aTransactionHangingOnAnOwnedEventsPartitionIsAbortedByThePeriodicSweep() {
        transactions.hanging(consumer.partition(1), 78);
        consumer.beforePoll(() -> consumer.assign(0, 1));
        for (int i = 0; i < 3; i++) {
            // Polls after the watch's 1 ms interval and patience (its clock moves at each reading).
            consumer.beforePoll(() -> {
            });
        }

        attempt.run(consumer.untilScriptEnds());

        assertThat(transactions.aborts()).containsExactly(consumer.partition(1) + " 78");
    }

    @Test
    void aReplyForARestoredSagaAdvancesIt() {
        restore(2, started("order-7", "r7"));
        consumer.beforePoll(() -> {
            consumer.assign(2);
            consumer.deliver(2, 0, "order-7", reply(actionId("order-7", "reserve"), 1, SagaReply.success(Map.of("reserved", true))));
        });

        attempt.run(consumer.untilScriptEnds());

        Transaction transaction = producer.onlyTransaction();
        ProducerRecord<String, byte[]> logged = transaction.single(SagaTopics.LOG);
        assertThat(logged.partition()).isEqualTo(2);
        SagaInstance saga = logCodec.decode(logged.value()).saga();
        assertThat(saga.progress("reserve").state()).isEqualTo(SagaStepState.COMPLETED);
        assertThat(saga.progress("charge").state()).isEqualTo(SagaStepState.RUNNING);
        assertThat(kinds(saga)).containsSubsequence(SAGA_STARTED, COMMAND_SENT, STEP_COMPLETED, COMMAND_SENT);
        SagaCommand charge = SagaCommandCodec.decode(transaction.single(SagaTopics.commands("payments")).value());
        assertThat(charge.step()).isEqualTo("charge");
        assertThat(charge.data()).containsEntry("reserved", true).containsEntry("order", 7L);
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(2), 1L));
    }

    @Test
    void aSagaSettledForTheRetentionLeavesTheLogWithATombstoneInAPassOfItsOwn() {
        restore(0, completed("order-9", "r9"));
        consumer.beforePoll(() -> consumer.assign(0));
        consumer.beforePoll(() -> clock.advance(RETENTION.minusSeconds(1)));
        consumer.beforePoll(() -> clock.advance(Duration.ofSeconds(1)));

        attempt.run(consumer.untilScriptEnds());

        Transaction removal = producer.onlyTransaction();
        ProducerRecord<String, byte[]> tombstone = removal.single(SagaTopics.LOG);
        assertThat(tombstone.partition()).isZero();
        assertThat(tombstone.key()).isEqualTo("order-9");
        assertThat(tombstone.value()).isNull();
        assertThat(removal.offsets()).isEqualTo(Map.of(consumer.partition(0), 0L));
    }

    @Test
    void aStartWithTheIdOfARemovedSagaStartsItAgain() {
        clock.advance(RETENTION.negated());
        restore(1, completed("order-4", "r4"));
        clock.advance(RETENTION);
        consumer.beforePoll(() -> consumer.assign(1));
        consumer.beforePoll(() -> consumer.deliver(1, 0, "order-4", start("r4-again")));

        attempt.run(consumer.untilScriptEnds());

        assertThat(producer.committedTransactions()).hasSize(2);
        assertThat(producer.committedTransactions().get(0).single(SagaTopics.LOG).value()).isNull();
        SagaLogRecord again = logCodec.decode(producer.committedTransactions().get(1).single(SagaTopics.LOG).value());
        assertThat(again.startRequestId()).isEqualTo("r4-again");
        assertThat(again.saga().state()).isEqualTo(SagaState.RUNNING);
    }

    @Test
    void malformedEventsEventsWithoutASagaIdAndEventsTheMachineRefusesAreSkippedWithoutAbortingThePass() {
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-1", "{not json".getBytes(StandardCharsets.UTF_8));
            consumer.deliver(0, 1, null, start("r2"));
            consumer.deliver(0, 2, "order/3", start("r3"));
            consumer.deliver(0, 3, "order-4", start("r4"));
        });

        attempt.run(consumer.untilScriptEnds());

        assertThat(producer.aborts()).isZero();
        Transaction transaction = producer.onlyTransaction();
        assertThat(transaction.to(SagaTopics.LOG)).extracting(ProducerRecord::key).containsExactly("order-4");
        assertThat(transaction.to(SagaTopics.commands("inventory"))).extracting(ProducerRecord::key).containsExactly("order-4");
        assertThat(transaction.records()).hasSize(2);
        assertThat(transaction.offsets()).as("past every skipped event").isEqualTo(Map.of(consumer.partition(0), 4L));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"revoked", "lost"})
    void aPartitionTakenAwayFiresNoMoreTimersOfItsSagas(String how) {
        consumer.beforePoll(() -> {
            consumer.assign(0, 1);
            consumer.deliver(0, 0, "order-1", start("r1"));
            consumer.deliver(1, 0, "order-2", start("r2"));
        });
        consumer.beforePoll(() -> {
            if (how.equals("revoked")) {
                consumer.assign(1);
            } else {
                consumer.losePartitions(List.of(consumer.partition(0)));
            }
        });
        consumer.beforePoll(() -> clock.advance(Duration.ofSeconds(6)));

        attempt.run(consumer.untilScriptEnds());

        List<Transaction> transactions = producer.committedTransactions();
        assertThat(transactions).hasSize(2);
        Transaction timeouts = transactions.get(1);
        assertThat(timeouts.to(SagaTopics.LOG)).extracting(ProducerRecord::key).containsExactly("order-2");
        assertThat(timeouts.single(SagaTopics.LOG).partition()).isEqualTo(1);
        assertThat(timeouts.offsets()).isEqualTo(Map.of(consumer.partition(1), 1L));
        assertThat(attempt.liveSagas()).isEqualTo(Map.of(1, 1));
        assertThat(metrics.ownedPartitions()).containsExactly(1);
    }

    @Test
    void aSagaWhoseLogValueCannotBeReadIsNotStartedAgainOverIt() {
        restore(0, started("order-7", "r7"));
        // What a newer node may have written: a format this node does not know.
        kafka.append(SagaTopics.LOG, 0, "order-7", "{\"format\":2,\"id\":\"order-7\"}".getBytes(StandardCharsets.UTF_8));
        consumer.beforePoll(() -> {
            consumer.assign(0);
            consumer.deliver(0, 0, "order-7", start("r7"));
        });

        attempt.run(consumer.untilScriptEnds());

        Transaction transaction = producer.onlyTransaction();
        assertThat(transaction.to(SagaTopics.LOG)).as("the unreadable value stays the saga's latest").isEmpty();
        assertThat(transaction.to(SagaTopics.commands("inventory"))).isEmpty();
        assertThat(transaction.offsets()).isEqualTo(Map.of(consumer.partition(0), 1L));
    }

    // ---- helpers

    private void refuse(String refusedBy, RuntimeException error) {
        if (refusedBy.equals("commitTransaction")) {
            producer.commitTransactionException = error;
        } else {
            producer.sendOffsetsToTransactionException = error;
        }
    }

    /** Puts a saga in the saga log, as a coordinator that owned the partition before would have left it. */
    private void restore(int partition, SagaLogRecord saga) {
        kafka.append(SagaTopics.LOG, partition, saga.saga().id(), logCodec.encode(saga));
    }

    /** A saga just started, at the current time: its first attempt times out 5 s later. */
    private SagaLogRecord started(String sagaId, String requestId) {
        SagaInstance saga = new SagaStateMachine(clock).start(sagaId, ORDER, Map.of("order", number(sagaId))).saga();
        return new SagaLogRecord(saga, requestId);
    }

    /** A saga that completed at the current time. */
    private SagaLogRecord completed(String sagaId, String requestId) {
        SagaStateMachine machine = new SagaStateMachine(clock);
        SagaInstance saga = machine.start(sagaId, ORDER, Map.of("order", number(sagaId))).saga();
        for (String step : List.of("reserve", "charge")) {
            saga = machine.apply(saga, new SagaEvent.ReplyReceived(actionId(sagaId, step), 1, SagaReply.success())).saga();
        }
        assertThat(saga.state()).isEqualTo(SagaState.COMPLETED);
        return new SagaLogRecord(saga, requestId);
    }

    private byte[] start(String requestId) {
        return events.encode(new CoordinatorEvent.Start(requestId, ORDER, Map.of("order", number(requestId))));
    }

    private byte[] reply(String commandId, int attemptNumber, SagaReply reply) {
        return events.encode(new CoordinatorEvent.Reply(commandId, attemptNumber, reply));
    }

    private static long number(String id) {
        return Long.parseLong(id.replaceAll("\\D", ""));
    }

    private static String actionId(String sagaId, String step) {
        return CommandIds.action(sagaId, ORDER.step(step).orElseThrow());
    }

    private static List<SagaHistoryEntry.Kind> kinds(SagaInstance saga) {
        return saga.history().stream().map(SagaHistoryEntry::kind).toList();
    }
}
