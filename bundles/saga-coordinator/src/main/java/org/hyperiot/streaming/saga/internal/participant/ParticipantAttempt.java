package org.hyperiot.streaming.saga.internal.participant;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
import org.hyperiot.streaming.api.saga.SagaEffect;
import org.hyperiot.streaming.api.saga.SagaParticipant;
import org.hyperiot.streaming.api.saga.SagaReply;
import org.hyperiot.streaming.saga.internal.AttemptLoop;
import org.hyperiot.streaming.saga.internal.HangingTransactionWatch;
import org.hyperiot.streaming.saga.internal.OwnedPartitions;
import org.hyperiot.streaming.saga.internal.SagaTopics;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEvent;
import org.hyperiot.streaming.saga.internal.wire.CoordinatorEventCodec;
import org.hyperiot.streaming.saga.internal.wire.MalformedRecordException;
import org.hyperiot.streaming.saga.internal.wire.SagaCommandCodec;
import org.hyperiot.streaming.saga.internal.wire.SagaReplyCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of this node's instance of a participant, from joining the participant's group until an
 * error or the stop. Each poll's commands are answered in one Kafka transaction holding, for each
 * command, the reply (to the events topic), the participant's effects, and the note that the command was
 * answered for good (to the handled-commands topic), with the commands' offsets and the group's metadata:
 * all of it counts, or none of it, and a zombie instance cannot commit.
 *
 * <p>A command whose id was answered for good before (a redelivery, or a later attempt sent because the
 * first reply came late) is answered with the recorded reply, under the attempt it asks about, and never
 * reaches the participant. A command past its deadline is not started: the coordinator has stopped
 * waiting for it.
 */
public final class ParticipantAttempt implements AttemptLoop.Attempt {

    private static final Logger LOG = LoggerFactory.getLogger(ParticipantAttempt.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final SagaParticipant participant;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final Clock clock;
    private final Duration splitAfter;
    private final Duration handledRetention;
    private final ParticipantMetrics metrics;
    private final CoordinatorEventCodec events = new CoordinatorEventCodec();
    /** The handled commands of each owned partition of the commands topic, restored on assignment. */
    private final OwnedPartitions<HandledCommands> owned;
    private final Map<Integer, HandledCommands> handled;
    private final HangingTransactionWatch watch;
    private boolean transactionOpen;

    public ParticipantAttempt(String name, SagaParticipant participant, Consumer<String, byte[]> consumer,
            Producer<String, byte[]> producer, Supplier<Consumer<String, byte[]>> restoreConsumers,
            HangingTransactionWatch watch, Clock clock, ParticipantDurations durations, ParticipantMetrics metrics) {
        this.name = name;
        this.watch = watch;
        this.participant = participant;
        this.consumer = consumer;
        this.producer = producer;
        this.clock = clock;
        this.splitAfter = durations.transaction().dividedBy(3);
        this.handledRetention = durations.handledRetention();
        this.metrics = metrics;
        this.owned = new OwnedPartitions<>("Saga participant '" + name + "'", consumer, SagaTopics.participantGroup(name),
                watch.sweep(), SagaTopics.handled(name), restoreConsumers, durations.restore(), new NotesRestorer());
        this.handled = owned.states();
    }

    @Override
    public void run(BooleanSupplier running) {
        producer.initTransactions();
        consumer.subscribe(List.of(SagaTopics.commands(name)), owned);
        while (running.getAsBoolean()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            watch.sweepIfDue(owned.assignment());
            if (!records.isEmpty()) {
                answer(records, running);
            }
        }
    }

    private void answer(ConsumerRecords<String, byte[]> records, BooleanSupplier running) {
        // Per partition of the batch: the first offset no committed transaction covers yet.
        Map<TopicPartition, OffsetAndMetadata> uncommitted = firstOffsets(records);
        Map<TopicPartition, OffsetAndMetadata> covered = new HashMap<>();
        long openedAt = 0;
        int executed = 0;
        int answered = 0;
        try {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (!transactionOpen) {
                    producer.beginTransaction();
                    transactionOpen = true;
                    openedAt = System.nanoTime();
                }
                HandledCommands partition = handled.get(record.partition());
                if (partition != null) {
                    executed += answer(record, partition);
                }
                covered.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                answered++;
                if (!running.getAsBoolean()) {
                    // The participant is going away: what it did in the open transaction is undone, and those
                    // commands go to another instance or wait for this one.
                    abort(uncommitted);
                    return;
                }
                if (System.nanoTime() - openedAt > splitAfter.toNanos()) {
                    // A slow participant: commit what is answered before the broker's transaction timeout
                    // would abort it all.
                    commit(uncommitted, covered, records);
                    metrics.answered(answered, executed);
                    answered = 0;
                    executed = 0;
                    uncommitted.putAll(covered);
                    covered.clear();
                }
            }
            if (!covered.isEmpty()) {
                commit(uncommitted, covered, records);
                metrics.answered(answered, executed);
            }
        } catch (CommitFailedException e) {
            LOG.info("Saga participant '{}': the group refused the transaction's offsets ({}); it is aborted", name,
                    e.getMessage());
            abort(uncommitted);
        } catch (RuntimeException e) {
            abort(uncommitted);
            throw e;
        }
    }

    /**
     * Commits the open transaction with the offsets it covers, the batch's other partitions where the
     * last commit left them, and every other owned partition at its position, so the transaction is fenced
     * against the group's current generation whatever it covers.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> uncommitted, Map<TopicPartition, OffsetAndMetadata> covered,
            ConsumerRecords<String, byte[]> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(uncommitted);
        offsets.putAll(covered);
        for (TopicPartition partition : consumer.assignment()) {
            if (!batch.partitions().contains(partition)) {
                offsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
            }
        }
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        transactionOpen = false;
        long committedAt = clock.millis();
        handled.values().forEach(partition -> partition.commit(committedAt));
    }

    /** Answers one command; returns 1 if the participant was called. */
    private int answer(ConsumerRecord<String, byte[]> record, HandledCommands partition) {
        SagaCommand command;
        try {
            command = SagaCommandCodec.decode(record.value());
        } catch (MalformedRecordException e) {
            LOG.warn("Saga participant '{}': skipped a malformed command at {}-{}@{}: {}", name, record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return 0;
        }
        SagaReply recorded = partition.reply(command.commandId()).orElse(null);
        if (recorded != null) {
            metrics.repeated();
            reply(command, recorded);
            return 0;
        }
        if (command.deadline() != null && clock.instant().isAfter(command.deadline())) {
            metrics.expired();
            LOG.debug("Saga participant '{}': command {} attempt {} arrived after its deadline {}; not started", name,
                    command.commandId(), command.attempt(), command.deadline());
            return 0;
        }
        SagaReply reply = execute(command);
        if (HandledCommands.isFinal(reply)) {
            partition.stage(command.commandId(), reply);
            producer.send(new ProducerRecord<>(SagaTopics.handled(name), record.partition(), command.commandId(),
                    SagaReplyCodec.encode(reply)));
            for (SagaEffect effect : reply.effects()) {
                producer.send(new ProducerRecord<>(effect.topic(), effect.key() == null ? null : effect.key(),
                        effect.value() == null ? null : effect.value().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
        reply(command, reply);
        return 1;
    }

    private SagaReply execute(SagaCommand command) {
        SagaReply reply;
        try {
            reply = participant.execute(command);
        } catch (RuntimeException e) {
            LOG.warn("Saga participant '{}' threw on {} '{}' of saga '{}' (attempt {}): counted as a retryable failure",
                    name, command.compensation() ? "compensation" : "action", command.action(), command.sagaId(),
                    command.attempt(), e);
            return SagaReply.retryableFailure("PARTICIPANT_EXCEPTION", e.toString());
        }
        if (reply == null) {
            return SagaReply.retryableFailure("NO_REPLY", "participant '" + name + "' returned no reply");
        }
        for (SagaEffect effect : reply.effects()) {
            String problem = EffectTopics.problem(effect.topic());
            if (problem != null) {
                return SagaReply.finalFailure("INVALID_EFFECT", "participant '" + name + "' asked to write to topic '"
                        + effect.topic() + "': " + problem);
            }
        }
        return reply;
    }

    private void reply(SagaCommand command, SagaReply reply) {
        producer.send(new ProducerRecord<>(SagaTopics.EVENTS, command.sagaId(),
                events.encode(new CoordinatorEvent.Reply(command.commandId(), command.attempt(), reply))));
    }

    private void abort(Map<TopicPartition, OffsetAndMetadata> start) {
        handled.values().forEach(HandledCommands::abort);
        if (transactionOpen) {
            transactionOpen = false;
            producer.abortTransaction();
        }
        start.forEach((partition, offset) -> {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, offset);
            }
        });
    }

    private static Map<TopicPartition, OffsetAndMetadata> firstOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            first.put(partition, new OffsetAndMetadata(records.records(partition).get(0).offset()));
        }
        return first;
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

    /** Restores an owned partition's handled commands from the same partition of their record. */
    private final class NotesRestorer implements OwnedPartitions.Restorer<HandledCommands> {

        @Override
        public HandledCommands empty(int partition) {
            return new HandledCommands(handledRetention.toMillis());
        }

        @Override
        public void restore(HandledCommands partition, ConsumerRecord<String, byte[]> record) {
            try {
                partition.restore(record.key(), record.value() == null ? null : SagaReplyCodec.decode(record.value()),
                        record.timestamp(), clock.millis());
            } catch (MalformedRecordException e) {
                LOG.warn("Saga participant '{}': skipped an unreadable handled-command note at {}-{}@{}: {}",
                        name, record.topic(), record.partition(), record.offset(), e.getMessage());
            }
        }

        @Override
        public void restored(Map<Integer, HandledCommands> restored, int records, Duration took) {
            LOG.info("Saga participant '{}': took over partitions {} ({} commands answered before)", name,
                    restored.keySet(), restored.values().stream().mapToInt(HandledCommands::size).sum());
        }
    }
}
