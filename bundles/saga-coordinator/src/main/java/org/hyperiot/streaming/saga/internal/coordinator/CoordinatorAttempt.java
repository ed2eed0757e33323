package org.hyperiot.streaming.saga.internal.coordinator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.hyperiot.streaming.api.saga.SagaCommand;
import org.hyperiot.streaming.saga.internal.AttemptLoop;
import org.hyperiot.streaming.saga.internal.HangingTransactionWatch;
import org.hyperiot.streaming.saga.internal.OwnedPartitions;
import org.hyperiot.streaming.saga.internal.SagaTopicSetup;
import org.hyperiot.streaming.saga.internal.SagaTopics;
import org.hyperiot.streaming.saga.internal.machine.SagaStateMachine;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEventCodec;
import org.hyperiot.streaming.saga.internal.wire.MalformedRecordException;
import org.hyperiot.streaming.saga.internal.wire.SagaCommandCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaLogRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of this node's coordinator with one consumer and one transactional producer, from joining
 * the coordinators' group until an error or the stop; the {@link AttemptLoop} starts the next.
 *
 * <p>Each pass of the loop is one Kafka transaction: the events polled (starts, replies, operator
 * requests) and the timers come due are applied to their sagas, the sagas' new states are written to
 * their partition of the saga log, the commands they give are sent, sagas settled for longer than the
 * retention are removed from the log with tombstones, and the positions of every owned
 * events partition go in with the group's metadata, so a coordinator the group has moved on from
 * (a zombie) cannot commit, even a transaction that only fired timers. When a transaction does not
 * commit, the staged changes are forgotten and the events are read again from where it began.
 *
 * <p>Partition p of the events topic comes with partition p of the saga log: on assignment this node
 * first waits for the partition's committed position (a read_committed consumer's offset fetch waits
 * for transactions still pending on it), then reads the log partition to its stable end. So the sagas
 * it starts from are those the previous owner committed, with their timers, which arm again here.
 */
public final class CoordinatorAttempt implements AttemptLoop.Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(CoordinatorAttempt.class);
    private static final Duration MAX_POLL = Duration.ofMillis(100);
    private static final int MAX_TIMERS_PER_TRANSACTION = 500;

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final SagaTopicSetup topics;
    private final SagaStateMachine machine;
    private final Clock clock;
    private final Duration settledRetention;
    private final CoordinatorMetrics metrics;
    private final SagaLogCodec logCodec = new SagaLogCodec();
    private final CoordinatorEventCodec eventCodec = new CoordinatorEventCodec();
    /** The sagas of each owned partition of the events topic (and so of the saga log), restored on assignment. */
    private final OwnedPartitions<SagaPartition> owned;
    private final Map<Integer, SagaPartition> partitions;
    private final HangingTransactionWatch watch;

    public CoordinatorAttempt(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
            Supplier<Consumer<String, byte[]>> restoreConsumers, HangingTransactionWatch watch, SagaTopicSetup topics,
            Clock clock, Duration restoreTimeout, Duration settledRetention, CoordinatorMetrics metrics) {
        this.consumer = consumer;
        this.watch = watch;
        this.producer = producer;
        this.topics = topics;
        this.machine = new SagaStateMachine(clock);
        this.clock = clock;
        this.settledRetention = settledRetention;
        this.metrics = metrics;
        this.owned = new OwnedPartitions<>("Saga coordinator", consumer, SagaTopics.COORDINATOR_GROUP, watch.sweep(),
                SagaTopics.LOG, restoreConsumers, restoreTimeout, new LogRestorer());
        this.partitions = owned.states();
    }

    @Override
    public void run(BooleanSupplier running) {
        producer.initTransactions();
        consumer.subscribe(List.of(SagaTopics.EVENTS), owned);
        while (running.getAsBoolean()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout());
            watch.sweepIfDue(owned.assignment());
            Instant now = clock.instant();
            if (records.isEmpty() && !anyTimerDue(now)) {
                continue;
            }
            runTransaction(records, now);
        }
    }

    private void runTransaction(ConsumerRecords<String, byte[]> records, Instant now) {
        // Where to read again from if the transaction does not commit: the poll has moved the positions
        // past the batch already, so the batch's partitions go back to their first record.
        Map<TopicPartition, OffsetAndMetadata> start = positions();
        for (TopicPartition partition : records.partitions()) {
            start.put(partition, new OffsetAndMetadata(records.records(partition).get(0).offset()));
        }
        producer.beginTransaction();
        List<SagaPartition.Outcome> outcomes = new ArrayList<>();
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                SagaPartition partition = partitions.get(record.partition());
                if (partition != null) {
                    handle(partition, record).ifPresent(outcome -> {
                        write(record.partition(), outcome);
                        outcomes.add(outcome);
                    });
                }
            }
            partitions.forEach((number, partition) -> partition.fireDueTimers(now, MAX_TIMERS_PER_TRANSACTION)
                    .forEach(outcome -> {
                        write(number, outcome);
                        outcomes.add(outcome);
                    }));
            // Sagas settled for longer than the retention leave the log: a tombstone each.
            partitions.forEach((number, partition) -> partition.expireSettled(now, MAX_TIMERS_PER_TRANSACTION)
                    .forEach(sagaId -> producer.send(new ProducerRecord<>(SagaTopics.LOG, number, sagaId, null))));
            producer.sendOffsetsToTransaction(positions(), consumer.groupMetadata());
            producer.commitTransaction();
        } catch (CommitFailedException e) {
            // The group moved on while the transaction was open; nothing of it may count. The rebalance
            // that follows restores the partitions this node keeps.
            LOG.info("Saga coordinator: the group refused the transaction's offsets ({}); it is aborted",
                    e.getMessage());
            abort(start);
            return;
        } catch (RuntimeException e) {
            abort(start);
            throw e;
        }
        partitions.values().forEach(SagaPartition::commit);
        metrics.committed(outcomes, now);
    }

    private java.util.Optional<SagaPartition.Outcome> handle(SagaPartition partition, ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            LOG.warn("Saga coordinator: skipped an event without a saga id at {}-{}@{}", record.topic(),
                    record.partition(), record.offset());
            return java.util.Optional.empty();
        }
        CoordinatorEvent event;
        try {
            event = eventCodec.decode(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("Saga coordinator: skipped a malformed event for saga '{}' at {}-{}@{}: {}", record.key(),
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            return java.util.Optional.empty();
        }
        SagaPartition.Outcome outcome;
        try {
            outcome = partition.handle(record.key(), event);
        } catch (RuntimeException e) {
            // An event the state machine cannot take (a saga id with '/', a start whose input has no JSON
            // form) would otherwise abort every pass that reads it: it is skipped, loudly.
            LOG.error("Saga coordinator: skipped an event for saga '{}' at {}-{}@{} that cannot be applied", record.key(),
                    record.topic(), record.partition(), record.offset(), e);
            return java.util.Optional.empty();
        }
        if (!outcome.applied()) {
            LOG.debug("Saga coordinator: event for saga '{}' ignored: {}", record.key(), outcome.ignoredReason());
        }
        return java.util.Optional.of(outcome);
    }

    private void write(int partition, SagaPartition.Outcome outcome) {
        if (!outcome.applied()) {
            return;
        }
        producer.send(new ProducerRecord<>(SagaTopics.LOG, partition, outcome.sagaId(), logCodec.encode(outcome.record())));
        for (SagaCommand command : outcome.transition().commands()) {
            topics.ensureCommandsTopic(command.participant());
            producer.send(new ProducerRecord<>(SagaTopics.commands(command.participant()), command.sagaId(),
                    SagaCommandCodec.encode(command)));
        }
    }

    private void abort(Map<TopicPartition, OffsetAndMetadata> start) {
        partitions.values().forEach(SagaPartition::abort);
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            // A fenced or broken producer cannot abort; the broker aborts the transaction when this
            // transactional id starts again or when the transaction times out.
            LOG.debug("Saga coordinator: abort failed: {}", e.toString());
            throw e;
        }
        // Read again what the aborted transaction consumed.
        start.forEach((partition, offset) -> {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> positions() {
        Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
        for (TopicPartition partition : consumer.assignment()) {
            positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
        }
        return positions;
    }

    private boolean anyTimerDue(Instant now) {
        return partitions.values().stream().anyMatch(partition -> partition.nextDue().map(due -> !due.isAfter(now))
                .orElse(false));
    }

    private Duration pollTimeout() {
        Instant now = clock.instant();
        Duration timeout = MAX_POLL;
        for (SagaPartition partition : partitions.values()) {
            Instant due = partition.nextDue().orElse(null);
            if (due != null) {
                Duration untilDue = Duration.between(now, due);
                if (untilDue.compareTo(timeout) < 0) {
                    timeout = untilDue.isNegative() ? Duration.ZERO : untilDue;
                }
            }
        }
        return timeout;
    }

    /** The sagas of this node, for the metrics: live sagas per owned partition. */
    Map<Integer, Integer> liveSagas() {
        Map<Integer, Integer> live = new HashMap<>();
        partitions.forEach((number, partition) -> live.put(number, partition.liveSagas()));
        return live;
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        try {
            consumer.close();
        } finally {
            try {
                producer.close(Duration.ofSeconds(5));
            } finally {
                watch.close();
            }
        }
    }

    /** Restores an owned partition's sagas from the same partition of the saga log. */
    private final class LogRestorer implements OwnedPartitions.Restorer<SagaPartition> {

        @Override
        public SagaPartition empty(int partition) {
            return new SagaPartition(machine, settledRetention);
        }

        @Override
        public void restore(SagaPartition partition, ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                partition.restore(record.key(), null);
                return;
            }
            try {
                partition.restore(record.key(), logCodec.decode(record.value()));
            } catch (MalformedRecordException e) {
                // Kept as unreadable, not forgotten: a repeated start must not start the saga again over it.
                partition.restoreUnreadable(record.key());
                LOG.error("Saga coordinator: saga '{}' cannot be read from {}-{}@{} and is left as it is: {}",
                        record.key(), record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }

        @Override
        public void restored(Map<Integer, SagaPartition> restored, int records, Duration took) {
            LOG.info("Saga coordinator: took over partitions {} ({} log records read in {} ms; {} sagas not settled)",
                    restored.keySet(), records, took.toMillis(),
                    restored.values().stream().mapToInt(SagaPartition::liveSagas).sum());
        }

        @Override
        public void owned(Set<Integer> partitions) {
            metrics.owned(partitions);
        }
    }
}
