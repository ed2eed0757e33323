package org.hyperiot.streaming.benchmark.saga.rawloop;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One of the raw loop's participants: a consumer in the participant's group on its commands topic and a
 * transactional producer. Each poll is one transaction holding, per command, the reply (to the events
 * topic) and the note that the command was answered (to the participant's handled topic, same
 * partition as the command, keyed by command id), with the commands' offsets and the group's metadata.
 * A command answered before is answered again from its note and never executed twice. Like the node's
 * benchmark participants, it does nothing: every command succeeds with an empty output.
 */
final class RawParticipant implements Runnable {

    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);

    private final RawLoopSettings settings;
    private final String name;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean running = true;

    RawParticipant(RawLoopSettings settings, String name) {
        this.settings = settings;
        this.name = name;
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
                System.err.println("raw participant " + name + ": " + e + "; starting again");
                e.printStackTrace();
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void attempt() {
        String id = settings.participantGroup(name);
        String handledTopic = settings.topics().handled(name);
        Map<Integer, Map<String, byte[]>> handled = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                RawClientConfigs.groupConsumer(settings, id, id, 200));
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                        RawClientConfigs.transactionalProducer(settings, id))) {
            producer.initTransactions();
            consumer.subscribe(List.of(settings.topics().commands(name)), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(partition -> handled.remove(partition.partition()));
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    restore(consumer, partitions, handled);
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    continue;
                }
                producer.beginTransaction();
                Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    Map<String, byte[]> notes = handled.get(record.partition());
                    if (notes != null) {
                        answer(producer, handledTopic, record, notes);
                    }
                    offsets.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                }
                for (TopicPartition partition : consumer.assignment()) {
                    offsets.putIfAbsent(partition, new OffsetAndMetadata(consumer.position(partition)));
                }
                producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
                producer.commitTransaction();
            }
        }
    }

    private void answer(KafkaProducer<String, byte[]> producer, String handledTopic, ConsumerRecord<String, byte[]> record,
            Map<String, byte[]> notes) {
        JsonNode command;
        try {
            command = json.readTree(record.value());
        } catch (IOException e) {
            System.err.println("raw participant " + name + ": skipped a malformed command at " + record.offset());
            return;
        }
        String commandId = command.path("commandId").asText();
        byte[] recorded = notes.get(commandId);
        JsonNode reply;
        if (recorded == null) {
            ObjectNode success = json.createObjectNode().put("outcome", "SUCCESS");
            success.putObject("output");
            byte[] note = bytes(success);
            notes.put(commandId, note);
            producer.send(new ProducerRecord<>(handledTopic, record.partition(), commandId, note));
            reply = success;
        } else {
            try {
                reply = json.readTree(recorded);
            } catch (IOException e) {
                throw new IllegalStateException("unreadable note of command " + commandId, e);
            }
        }
        ObjectNode event = json.createObjectNode().put("type", "reply").put("commandId", commandId)
                .put("attempt", command.path("attempt").asInt());
        event.set("reply", reply);
        producer.send(new ProducerRecord<>(settings.topics().events(), command.path("sagaId").asText(), bytes(event)));
    }

    private void restore(KafkaConsumer<String, byte[]> consumer, Collection<TopicPartition> assigned,
            Map<Integer, Map<String, byte[]>> handled) {
        if (assigned.isEmpty()) {
            return;
        }
        assigned.forEach(partition -> consumer.position(partition, RESTORE_TIMEOUT));
        Map<Integer, Map<String, byte[]>> restored = new HashMap<>();
        List<TopicPartition> notes = assigned.stream().map(partition -> {
            restored.put(partition.partition(), new HashMap<>());
            return new TopicPartition(settings.topics().handled(name), partition.partition());
        }).toList();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(
                RawClientConfigs.reader(settings, settings.participantGroup(name) + "-restore"))) {
            StableEnd.read(reader, notes, RESTORE_TIMEOUT, record -> {
                if (record.key() != null && record.value() != null) {
                    restored.get(record.partition()).put(record.key(), record.value());
                }
            });
        }
        handled.putAll(restored);
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
