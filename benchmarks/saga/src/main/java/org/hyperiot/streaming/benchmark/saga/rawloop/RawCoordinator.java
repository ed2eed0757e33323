package org.hyperiot.streaming.benchmark.saga.rawloop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.hyperiot.streaming.benchmark.saga.BenchmarkSaga;

/**
 * The raw loop's coordinator: one consumer in a group on the events topic and one transactional
 * producer. Each poll is one transaction: every start and reply polled is applied to its saga, the
 * saga's new state goes to its partition of the log and its next command to the participant's topic,
 * and the positions of every owned events partition go in with the group's metadata. Partition p of the
 * events topic comes with partition p of the log, read back on assignment. Any error ends the attempt:
 * the clients are closed, the in-memory sagas dropped, and the next attempt restores them from the log.
 */
final class RawCoordinator implements Runnable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final RawLoopSettings settings;
    private final ObjectMapper json = new ObjectMapper();
    private final RawSagaMachine machine;
    private volatile boolean running = true;

    RawCoordinator(RawLoopSettings settings) {
        this.settings = settings;
        this.machine = new RawSagaMachine(json, settings.steps(), BenchmarkSaga.TIMEOUT_MS);
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running) {
            try {
                attempt();
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                System.err.println("raw coordinator: " + e + "; starting again");
                e.printStackTrace();
                sleep(1000);
            }
        }
    }

    /** The sagas of one owned partition. */
    private static final class PartitionSagas {
        final Map<String, RawSaga> live = new HashMap<>();
        final Set<String> settled = new HashSet<>();
    }

    private record Deadline(long due, int partition, String sagaId) {
    }

    private void attempt() {
        String id = settings.coordinatorGroup();
        Map<Integer, PartitionSagas> owned = new HashMap<>();
        PriorityQueue<Deadline> deadlines = new PriorityQueue<>((a, b) -> Long.compare(a.due(), b.due()));
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                RawClientConfigs.groupConsumer(settings, id, id, 500));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        RawClientConfigs.transactionalProducer(settings, id))) {
            producer.initTransactions();
            consumer.subscribe(List.of(settings.topics().events()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(partition -> owned.remove(partition.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    restore(consumer, partitions, owned, deadlines);
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                boolean due = !deadlines.isEmpty() && deadlines.peek().due() <= now;
                if (records.isEmpty() && !due) {
                    continue;
                }
                producer.beginTransaction();
                for (ConsumerRecord<String, byte[]> record : records) {
                    PartitionSagas sagas = owned.get(record.partition());
                    if (sagas != null && record.key() != null) {
                        handle(producer, record, sagas, deadlines, now);
                    }
                }
                while (!deadlines.isEmpty() && deadlines.peek().due() <= now) {
                    Deadline deadline = deadlines.poll();
                    PartitionSagas sagas = owned.get(deadline.partition());
                    RawSaga saga = sagas == null ? null : sagas.live.get(deadline.sagaId());
                    if (saga != null && saga.deadline() == deadline.due()) {
                        apply(producer, deadline.partition(), sagas, machine.expire(saga, now));
                    }
                }
                Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                for (TopicPartition partition : consumer.assignment()) {
                    positions.put(partition, new OffsetAndMetadata(consumer.position(partition)));
                }
                producer.sendOffsetsToTransaction(positions, consumer.groupMetadata());
                producer.commitTransaction();
            }
        }
    }

    private void handle(KafkaProducer<String, byte[]> producer, ConsumerRecord<String, byte[]> record,
            PartitionSagas sagas, PriorityQueue<Deadline> deadlines, long now) {
        JsonNode event;
        try {
            event = json.readTree(record.value());
        } catch (java.io.IOException e) {
            System.err.println("raw coordinator: skipped a malformed event at " + record.offset());
            return;
        }
        String sagaId = record.key();
        switch (event.path("type").asText()) {
            case "start" -> {
                if (sagas.live.containsKey(sagaId) || sagas.settled.contains(sagaId)) {
                    return;
                }
                RawSagaMachine.Outcome outcome = machine.start(sagaId, event.path("requestId").asText(),
                        event.path("input"), now);
                deadlines.add(new Deadline(outcome.saga().deadline(), record.partition(), sagaId));
                apply(producer, record.partition(), sagas, outcome);
            }
            case "reply" -> {
                RawSaga saga = sagas.live.get(sagaId);
                RawSagaMachine.Outcome outcome = saga == null ? null : machine.reply(saga, event, now);
                if (outcome != null) {
                    apply(producer, record.partition(), sagas, outcome);
                }
            }
            default -> System.err.println("raw coordinator: skipped an event of unknown type at " + record.offset());
        }
    }

    private void apply(KafkaProducer<String, byte[]> producer, int partition, PartitionSagas sagas,
            RawSagaMachine.Outcome outcome) {
        RawSaga saga = outcome.saga();
        if (saga.settled()) {
            sagas.live.remove(saga.id());
            sagas.settled.add(saga.id());
        } else {
            sagas.live.put(saga.id(), saga);
        }
        producer.send(new ProducerRecord<>(settings.topics().log(), partition, saga.id(), machine.logValue(saga)));
        if (outcome.command() != null) {
            producer.send(new ProducerRecord<>(settings.topics().commands(outcome.command().participant()), saga.id(),
                    machine.command(saga)));
        }
    }

    private void restore(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> assigned,
            Map<Integer, PartitionSagas> owned, PriorityQueue<Deadline> deadlines) {
        if (assigned.isEmpty()) {
            return;
        }
        // The committed positions first: fetching them waits for the previous owner's last transaction to
        // settle, so the log read below holds all of it or nothing of it.
        assigned.forEach(partition -> consumer.position(partition, RESTORE_TIMEOUT));
        List<TopicPartition> logPartitions = new ArrayList<>();
        Map<Integer, PartitionSagas> restored = new HashMap<>();
        for (TopicPartition partition : assigned) {
            restored.put(partition.partition(), new PartitionSagas());
            logPartitions.add(new TopicPartition(settings.topics().log(), partition.partition()));
        }
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                RawClientConfigs.reader(settings, settings.coordinatorGroup() + "-restore"))) {
            StableEnd.read(reader, logPartitions, RESTORE_TIMEOUT, record -> {
                PartitionSagas sagas = restored.get(record.partition());
                if (record.key() == null || record.value() == null) {
                    return;
                }
                RawSaga saga = machine.fromLog(record.value());
                if (saga.settled()) {
                    sagas.live.remove(saga.id());
                    sagas.settled.add(saga.id());
                } else {
                    sagas.live.put(saga.id(), saga);
                    deadlines.add(new Deadline(saga.deadline(), record.partition(), saga.id()));
                }
            });
        }
        owned.putAll(restored);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
